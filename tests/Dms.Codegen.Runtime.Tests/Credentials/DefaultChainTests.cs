using System;
using System.Linq;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

/// <summary>The chain in the official order; its metadata step always points at a loopback fake here.</summary>
public sealed class DefaultChainTests : IAsyncLifetime
{
    private readonly CredentialKit _kit = new();
    private FakeStsService _sts = null!;
    private FakeMetadataService _metadata = null!;
    private FakeCredentialsUri _uri = null!;

    public async Task InitializeAsync()
    {
        _sts = await _kit.StsAsync();
        _metadata = await _kit.MetadataAsync(o => o.RoleName = null); // an instance without a role: the step fails
        _uri = await _kit.UriAsync();
    }

    public Task DisposeAsync() => _kit.DisposeAsync().AsTask();

    private Task<DmsCredential> Resolve() => DmsCredentials.Default(_kit.Environment, _kit.Options).GetCredentialAsync(default).AsTask();

    [Fact]
    public async Task EachSourceWinsOverTheOnesAfterIt()
    {
        // Built from the last source to the first: each step adds one that comes earlier in the order.
        _kit.Variables["ALIBABA_CLOUD_CREDENTIALS_URI"] = _uri.Uri.ToString();
        Assert.Equal("credentials_uri", (await Resolve()).ProviderName);

        await using (var withRole = new CredentialKit())
        {
            var metadata = await withRole.MetadataAsync();
            withRole.Variables["ALIBABA_CLOUD_CREDENTIALS_URI"] = _uri.Uri.ToString();
            Assert.Equal("ecs_ram_role", (await DmsCredentials.Default(withRole.Environment, withRole.Options).GetCredentialAsync(default)).ProviderName);
            Assert.Single(metadata.Issued);
        }

        _kit.Write(".alibabacloud/credentials", "[default]\naccess_key_id = from-ini\naccess_key_secret = s3cret\n");
        Assert.Equal("from-ini", (await Resolve()).AccessKeyId);

        _kit.Write(".aliyun/config.json", """{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"from-cli","access_key_secret":"s3cret"}]}""");
        Assert.Equal("from-cli", (await Resolve()).AccessKeyId);

        _kit.Variables["ALIBABA_CLOUD_ROLE_ARN"] = CredentialKit.RoleArn;
        _kit.Variables["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = CredentialKit.ProviderArn;
        _kit.Variables["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = _kit.Write("token", "eyJ.chain.sig");
        Assert.Equal("oidc_role_arn", (await Resolve()).ProviderName);

        _kit.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "from-env";
        _kit.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "s3cret";
        Assert.Equal("from-env", (await Resolve()).AccessKeyId);
        Assert.Single(_sts.Requests); // only the OIDC step reached STS
    }

    [Fact]
    public async Task TheCliProfileCanBeSwitchedOffAndTheChainKeepsTheSourceThatWorked()
    {
        _kit.Write(".alibabacloud/credentials", "[default]\naccess_key_id = from-ini\naccess_key_secret = s3cret\n");
        _kit.Write(".aliyun/config.json", """{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"from-cli","access_key_secret":"s3cret"}]}""");
        _kit.Variables["ALIBABA_CLOUD_CLI_PROFILE_DISABLED"] = "true";
        var chain = DmsCredentials.Default(_kit.Environment, _kit.Options);

        Assert.Equal("from-ini", (await chain.GetCredentialAsync(default)).AccessKeyId);

        // Environment variables set later do not move a chain that already found its source, as the official libraries.
        _kit.Variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "from-env";
        _kit.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "s3cret";
        Assert.Equal("from-ini", (await chain.GetCredentialAsync(default)).AccessKeyId);
    }

    [Fact]
    public async Task WhenNothingWorksTheErrorNamesEverySourceAndWhyButNoSecret()
    {
        _kit.Write(".aliyun/config.json", $$"""{"current":"x","profiles":[{"name":"x","mode":"StsToken","access_key_id":"a","access_key_secret":"{{CredentialKit.Secret}}"}]}""");
        _kit.Variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = CredentialKit.Secret;

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(Resolve);

        Assert.StartsWith("default credential chain: no source gave a credential: ", exception.Message);
        foreach (var part in new[]
        {
            "environment variables: ALIBABA_CLOUD_ACCESS_KEY_ID is not set",
            "OIDC role: skipped, ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set",
            "config.json: profile 'x' has mode StsToken but no sts_token",
            "credentials [default]: the file does not exist, nor " + System.IO.Path.Combine(_kit.Home, ".alibabacloud", "credentials.ini"),
            "ECS instance RAM role (metadata service " + _metadata.Endpoint.Authority + "): the instance has no RAM role attached",
            "credentials URI: skipped, ALIBABA_CLOUD_CREDENTIALS_URI not set",
        })
        {
            Assert.Contains(part, exception.Message);
        }

        CredentialKit.AssertSafe(exception, "default credential chain");
    }

    [Fact]
    public async Task TheMetadataSwitchLeavesTheStepOutAndSaysSo()
    {
        _kit.Variables["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(Resolve);

        Assert.Contains("ECS instance RAM role: skipped, ALIBABA_CLOUD_ECS_METADATA_DISABLED=true", exception.Message);
        Assert.Empty(_metadata.Requests);
    }

    [Fact]
    public void TheProcessOfThisTestRunHasTheMetadataStepSwitchedOff()
    {
        // The module initializer every test project links (tests/Shared/NoInstanceMetadata.cs).
        Assert.Equal("true", System.Environment.GetEnvironmentVariable("ALIBABA_CLOUD_ECS_METADATA_DISABLED"));
        Assert.DoesNotContain("100.100.100.200", DmsCredentials.Default().ToString());
    }
}
