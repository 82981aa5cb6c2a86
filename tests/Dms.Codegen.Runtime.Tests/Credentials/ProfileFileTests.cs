using System;
using System.Linq;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

/// <summary>Every INI <c>type</c> and every CLI <c>mode</c>, each reaching its fake.</summary>
public sealed class ProfileFileTests : IAsyncLifetime
{
    private readonly CredentialKit _kit = new();
    private FakeStsService _sts = null!;
    private FakeMetadataService _metadata = null!;
    private FakeCredentialsUri _uri = null!;

    public async Task InitializeAsync()
    {
        _sts = await _kit.StsAsync();
        _metadata = await _kit.MetadataAsync();
        _uri = await _kit.UriAsync();
    }

    public Task DisposeAsync() => _kit.DisposeAsync().AsTask();

    private Task<DmsCredential> Ini(string section) =>
        DmsCredentials.CredentialsFile(path: _kit.Write(".alibabacloud/credentials", "[default]\n" + section), environment: _kit.Environment, options: _kit.Options).GetCredentialAsync(default).AsTask();

    private Task<DmsCredential> Cli(string profile, string name = "p") =>
        DmsCredentials.CliProfile(path: _kit.Write(".aliyun/config.json", $$"""{"current":"{{name}}","profiles":[{{profile}}]}"""), environment: _kit.Environment, options: _kit.Options).GetCredentialAsync(default).AsTask();

    [Fact]
    public async Task IniAccessKeyAndSts()
    {
        var ak = await Ini($"type = access_key\naccess_key_id = ak\naccess_key_secret = {CredentialKit.Secret}\n");
        Assert.Equal(("ak", false, "static_ak"), (ak.AccessKeyId, ak.HasSecurityToken, ak.ProviderName));

        var sts = await Ini($"type = sts\naccess_key_id = STS.k\naccess_key_secret = {CredentialKit.Secret}\nsecurity_token = {CredentialKit.Token}\n");
        Assert.Equal(("STS.k", CredentialKit.Token, "static_sts"), (sts.AccessKeyId, sts.RevealSecurityToken(), sts.ProviderName));

        var missing = await Assert.ThrowsAsync<DmsCredentialException>(() => Ini("type = sts\naccess_key_id = STS.k\naccess_key_secret = s\n"));
        Assert.Contains("type sts needs security_token", missing.Message);
    }

    [Fact]
    public async Task IniEcsRamRoleReachesTheMetadataService()
    {
        var credential = await Ini("type = ecs_ram_role\nrole_name = fake-ecs-role\n");

        CredentialKit.AssertIssued(_metadata.Issued.Single(), credential);
        Assert.DoesNotContain(_metadata.Requests, r => r.Path == FakeMetadataService.CredentialsPath);
    }

    [Fact]
    public async Task IniRamRoleArnAssumesTheRoleWithTheFilesKey()
    {
        var credential = await Ini($"type = ram_role_arn\naccess_key_id = source-id\naccess_key_secret = {CredentialKit.Secret}\nrole_arn = {CredentialKit.RoleArn}\nrole_session_name = from-ini\npolicy = {{\"Version\":\"1\"}}\nexternal_id = ext-1\n");

        CredentialKit.AssertIssued(_sts.Issued.Single(), credential);
        var request = _sts.Requests.Single();
        Assert.Equal(("source-id", "from-ini", "{\"Version\":\"1\"}", "ext-1"), (request.Parameter("AccessKeyId"), request.Parameter("RoleSessionName"), request.Parameter("Policy"), request.Parameter("ExternalId")));
    }

    [Fact]
    public async Task TheRoleOfAFileKeepsItsCachedCredentialAcrossCalls()
    {
        var provider = DmsCredentials.CredentialsFile(path: _kit.Write("c.ini", $"[default]\ntype = ram_role_arn\naccess_key_id = source-id\naccess_key_secret = {CredentialKit.Secret}\nrole_arn = {CredentialKit.RoleArn}\n"), environment: _kit.Environment, options: _kit.Options);

        var first = await provider.GetCredentialAsync(default);

        Assert.Same(first, await provider.GetCredentialAsync(default));
        Assert.Single(_sts.Requests);
    }

    [Fact]
    public async Task IniOidcRoleArnAndCredentialsUri()
    {
        var token = _kit.Write("oidc-token", "eyJ.ini-token.sig");
        var oidc = await Ini($"type = oidc_role_arn\nrole_arn = {CredentialKit.RoleArn}\noidc_provider_arn = {CredentialKit.ProviderArn}\noidc_token_file_path = {token}\nrole_session_name = ini-oidc\n");
        CredentialKit.AssertIssued(_sts.Issued.Single(), oidc);
        Assert.Equal(("AssumeRoleWithOIDC", "eyJ.ini-token.sig"), (_sts.Requests[0].Parameter("Action"), _sts.Requests[0].Parameter("OIDCToken")));

        var uri = await Ini($"type = credentials_uri\ncredentials_uri = {_uri.Uri}\n");
        CredentialKit.AssertIssued(_uri.Issued.Single(), uri);
    }

    [Theory]
    [InlineData("rsa_key_pair", "type rsa_key_pair is not supported")]
    [InlineData("bearer", "type bearer is not supported")]
    [InlineData("magic", "type 'magic' is not a credential type")]
    public async Task IniTypesThatAreNotSupportedAreNamed(string type, string problem)
    {
        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Ini($"type = {type}\n"));

        Assert.Contains(problem, exception.Message);
        Assert.Contains("credentials file", exception.Message);
    }

    [Fact]
    public async Task TheCSharpLibrarysFileNameIsReadWhenTheGoNameIsAbsent()
    {
        _kit.Write(".alibabacloud/credentials.ini", "[default]\naccess_key_id = from-dot-ini\naccess_key_secret = s3cret\n");
        var provider = DmsCredentials.CredentialsFile(environment: _kit.Environment, options: _kit.Options);
        Assert.Equal("from-dot-ini", (await provider.GetCredentialAsync(default)).AccessKeyId);

        _kit.Write(".alibabacloud/credentials", "[default]\naccess_key_id = from-go-name\naccess_key_secret = s3cret\n");
        Assert.Equal("from-go-name", (await provider.GetCredentialAsync(default)).AccessKeyId);
    }

    [Fact]
    public async Task CliRamRoleArnEcsRamRoleAndOidc()
    {
        var role = await Cli($$"""{"name":"p","mode":"RamRoleArn","access_key_id":"source-id","access_key_secret":"{{CredentialKit.Secret}}","ram_role_arn":"{{CredentialKit.RoleArn}}","ram_session_name":"cli","expired_seconds":900,"external_id":"e-9"}""");
        CredentialKit.AssertIssued(_sts.Issued.Single(), role);
        Assert.Equal(("900", "cli", "e-9"), (_sts.Requests[0].Parameter("DurationSeconds"), _sts.Requests[0].Parameter("RoleSessionName"), _sts.Requests[0].Parameter("ExternalId")));

        var ecs = await Cli("""{"name":"p","mode":"EcsRamRole","ram_role_name":"fake-ecs-role"}""");
        CredentialKit.AssertIssued(_metadata.Issued.Single(), ecs);

        var token = _kit.Write("cli-token", "eyJ.cli-token.sig");
        var oidc = await Cli($$"""{"name":"p","mode":"OIDC","ram_role_arn":"{{CredentialKit.RoleArn}}","oidc_provider_arn":"{{CredentialKit.ProviderArn}}","oidc_token_file":"{{token}}"}""");
        CredentialKit.AssertIssued(_sts.Issued[1], oidc);
        Assert.Equal("eyJ.cli-token.sig", _sts.Requests[1].Parameter("OIDCToken"));
    }

    [Fact]
    public async Task CliChainableRamRoleArnAssumesARoleFromAnotherProfilesRole()
    {
        var credential = await Cli($$"""
            {"name":"base","mode":"RamRoleArn","access_key_id":"source-id","access_key_secret":"{{CredentialKit.Secret}}","ram_role_arn":"{{CredentialKit.RoleArn}}"},
            {"name":"p","mode":"ChainableRamRoleArn","source_profile":"base","ram_role_arn":"acs:ram::1234567890123456:role/second"}
            """);

        Assert.Equal(2, _sts.Issued.Count);
        CredentialKit.AssertIssued(_sts.Issued[1], credential);
        Assert.Equal((_sts.Issued[0].AccessKeyId, _sts.Issued[0].SecurityToken), (_sts.Requests[1].Parameter("AccessKeyId"), _sts.Requests[1].Parameter("SecurityToken")));
        Assert.Equal("ram_role_arn/ram_role_arn/static_ak", credential.ProviderName);
    }

    [Fact]
    public async Task ACliProfileThatIsItsOwnSourceIsRefused()
    {
        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Cli($$"""
            {"name":"a","mode":"ChainableRamRoleArn","source_profile":"p","ram_role_arn":"{{CredentialKit.RoleArn}}"},
            {"name":"p","mode":"ChainableRamRoleArn","source_profile":"a","ram_role_arn":"{{CredentialKit.RoleArn}}"}
            """));

        Assert.Contains("is its own source_profile (through p -> a)", exception.Message);
    }

    [Theory]
    [InlineData("CloudSSO")]
    [InlineData("OAuth")]
    [InlineData("External")]
    public async Task CliModesThatAreNotSupportedAreNamed(string mode)
    {
        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Cli($$"""{"name":"p","mode":"{{mode}}"}"""));

        Assert.Contains($"profile 'p' has mode {mode}, which is not supported", exception.Message);
    }

    [Fact]
    public async Task ABadValueInAProfileIsAClearErrorOfThatFile()
    {
        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Cli($$"""{"name":"p","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b","ram_role_arn":"{{CredentialKit.RoleArn}}","expired_seconds":60}"""));

        Assert.Contains("CLI profile file", exception.Message);
        Assert.Contains("at least 900 s", exception.Message);
    }
}
