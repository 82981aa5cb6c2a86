using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

public sealed class EcsRamRoleTests : IAsyncDisposable
{
    private readonly CredentialKit _kit = new();

    public ValueTask DisposeAsync() => _kit.DisposeAsync();

    private IDmsCredentialProvider Provider(string? role = null) => DmsCredentials.EcsRamRole(role, _kit.Options, _kit.Environment);

    [Fact]
    public async Task AnImdsV2TokenThenTheDiscoveredRoleThenItsCredential()
    {
        var metadata = await _kit.MetadataAsync();

        var credential = await Provider().GetCredentialAsync(default);

        CredentialKit.AssertIssued(metadata.Issued.Single(), credential);
        Assert.Equal("ecs_ram_role", credential.ProviderName);
        var requests = metadata.Requests;
        Assert.Equal(
            [("PUT", "/latest/api/token"), ("GET", FakeMetadataService.CredentialsPath), ("GET", FakeMetadataService.CredentialsPath + "fake-ecs-role")],
            requests.Select(r => (r.Method, r.Path)));
        Assert.Equal("21600", requests[0].Header("X-aliyun-ecs-metadata-token-ttl-seconds"));
        Assert.All(requests.Skip(1), r => Assert.NotNull(r.Header("X-aliyun-ecs-metadata-token")));
    }

    [Fact]
    public async Task AConfiguredRoleNameSkipsDiscoveryAndTheCredentialRefreshesBeforeExpiry()
    {
        var metadata = await _kit.MetadataAsync(o => o.RoleName = "worker");
        _kit.Variables["ALIBABA_CLOUD_ECS_METADATA"] = "worker";
        var provider = Provider();

        var first = await provider.GetCredentialAsync(default);
        _kit.Clock.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(44));
        Assert.Same(first, await provider.GetCredentialAsync(default));
        _kit.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await provider.GetCredentialAsync(default);

        Assert.DoesNotContain(metadata.Requests, r => r.Path == FakeMetadataService.CredentialsPath);
        CredentialKit.AssertIssued(metadata.Issued[1], second);
    }

    [Fact]
    public async Task HardenedModeWorksWithTheTokenAndTheFallbackIsRefusedWhenDisabled()
    {
        await _kit.MetadataAsync(o => o.RequireToken = true);
        Assert.NotNull(await Provider().GetCredentialAsync(default));

        await using var old = new CredentialKit();
        var v1Only = await old.MetadataAsync(o => o.SupportsToken = false);
        var fallback = await DmsCredentials.EcsRamRole(options: old.Options, environment: old.Environment).GetCredentialAsync(default);
        CredentialKit.AssertIssued(v1Only.Issued.Single(), fallback);
        Assert.All(v1Only.Requests.Skip(1), r => Assert.Null(r.Header("X-aliyun-ecs-metadata-token")));

        old.Variables["ALIBABA_CLOUD_IMDSV1_DISABLED"] = "true";
        var refused = await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.EcsRamRole(options: old.Options, environment: old.Environment).GetCredentialAsync(default).AsTask());
        Assert.Contains("IMDSv1 fallback is disabled", refused.Message);
        CredentialKit.AssertSafe(refused, "ECS instance RAM role");
    }

    [Fact]
    public async Task AHardenedInstanceWithoutAWorkingTokenSaysSo()
    {
        await _kit.MetadataAsync(o => (o.RequireToken, o.SupportsToken) = (true, false));

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Provider().GetCredentialAsync(default).AsTask());

        Assert.Contains("HTTP 403", exception.Message);
        Assert.Contains("hardened mode", exception.Message);
    }

    [Fact]
    public async Task NoRoleAttachedAndAWrongRoleNameAreNamed()
    {
        await _kit.MetadataAsync(o => o.RoleName = null);
        Assert.Contains("no RAM role attached", (await Assert.ThrowsAsync<DmsCredentialException>(() => Provider().GetCredentialAsync(default).AsTask())).Message);
        Assert.Contains("no RAM role named 'other'", (await Assert.ThrowsAsync<DmsCredentialException>(() => Provider("other").GetCredentialAsync(default).AsTask())).Message);
    }

    [Theory]
    [InlineData("""{"Code":"Failed","AccessKeyId":"STS.x","AccessKeySecret":"Leaked-Secret-2","SecurityToken":"Leaked-Token-2","Expiration":"2026-12-01T20:00:00Z"}""", "Code 'Failed'")]
    [InlineData("""{"Code":"Success","AccessKeyId":"STS.x","AccessKeySecret":"Leaked-Secret-2","Expiration":"2026-12-01T20:00:00Z"}""", "without SecurityToken")]
    [InlineData("<html>Leaked-Secret-2</html>", "not a JSON object")]
    public async Task MalformedAnswersNameTheSource(string body, string problem)
    {
        var metadata = await _kit.MetadataAsync();
        metadata.Enqueue(FakeAnswer.Raw(HttpStatusCode.OK, body));

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Provider().GetCredentialAsync(default).AsTask());

        Assert.Contains(problem, exception.Message);
        CredentialKit.AssertSafe(exception, "ECS instance RAM role", "Leaked-Secret-2", "Leaked-Token-2");
    }

    [Fact]
    public async Task AServiceThatDoesNotAnswerFailsAfterTheOneSecondTimeout()
    {
        var metadata = await _kit.MetadataAsync();
        metadata.Enqueue(FakeAnswer.NoAnswer);
        var pending = Provider().GetCredentialAsync(default).AsTask();
        await metadata.WaitForRequestsAsync(3);
        Assert.False(pending.IsCompleted);

        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => pending);

        Assert.Contains("did not answer within 1 s", exception.Message);
    }

    [Fact]
    public void TheDisableFlagTurnsTheSourceOff()
    {
        _kit.Variables["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "TRUE";

        var exception = Assert.Throws<DmsCredentialException>(() => Provider());

        Assert.Contains("ALIBABA_CLOUD_ECS_METADATA_DISABLED=true", exception.Message);
    }
}
