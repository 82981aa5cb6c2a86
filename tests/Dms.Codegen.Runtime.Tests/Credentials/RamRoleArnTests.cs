using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

public sealed class RamRoleArnTests : IAsyncLifetime
{
    private readonly CredentialKit _kit = new();
    private FakeStsService _sts = null!;

    public async Task InitializeAsync() => _sts = await _kit.StsAsync();

    public Task DisposeAsync() => _kit.DisposeAsync().AsTask();

    [Fact]
    public async Task AssumeRoleIsSignedWithTheSourceKeyAndGivesTheIssuedCredential()
    {
        var credential = await _kit.Role(configure: r => r.Policy = """{"Version":"1"}""").GetCredentialAsync(default);

        CredentialKit.AssertIssued(_sts.Issued.Single(), credential);
        Assert.Equal("ram_role_arn/static_ak", credential.ProviderName);
        var request = _sts.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal(("AssumeRole", "2015-04-01", "source-id", "HMAC-SHA1"), (request.Parameter("Action"), request.Parameter("Version"), request.Parameter("AccessKeyId"), request.Parameter("SignatureMethod")));
        Assert.NotNull(request.Query.SingleOrDefault(p => p.Key == "Signature").Value);
        Assert.Equal([("RoleArn", CredentialKit.RoleArn), ("RoleSessionName", "unit-test"), ("DurationSeconds", "3600"), ("Policy", """{"Version":"1"}""")], request.Form.Select(p => (p.Key, p.Value)));
        Assert.Null(request.Parameter("SecurityToken"));
    }

    [Fact]
    public async Task TheCredentialIsCachedAndRefreshedFifteenMinutesBeforeExpiry()
    {
        var provider = _kit.Role();
        var first = await provider.GetCredentialAsync(default);

        _kit.Clock.Advance(TimeSpan.FromMinutes(44));
        Assert.Same(first, await provider.GetCredentialAsync(default));
        Assert.Single(_sts.Requests);

        _kit.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await provider.GetCredentialAsync(default);
        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        CredentialKit.AssertIssued(_sts.Issued[1], second);
        Assert.Same(second, await provider.GetCredentialAsync(default));
    }

    [Fact]
    public async Task TheMarginIsConfigurableAndAShortSessionRefreshesAtHalfLife()
    {
        _kit.Options.RefreshMargin = TimeSpan.FromMinutes(5);
        var provider = _kit.Role();
        await provider.GetCredentialAsync(default);
        _kit.Clock.Advance(TimeSpan.FromMinutes(54));
        await provider.GetCredentialAsync(default);
        Assert.Single(_sts.Requests);
        _kit.Clock.Advance(TimeSpan.FromMinutes(1));
        await provider.GetCredentialAsync(default);
        Assert.Equal(2, _sts.Requests.Count);

        // 15 minutes of life and a 15-minute margin: refreshed after 7.5 minutes, not on every call.
        _kit.Options.RefreshMargin = TimeSpan.FromMinutes(15);
        var shortLived = _kit.Role(configure: r => r.Duration = TimeSpan.FromMinutes(15));
        await shortLived.GetCredentialAsync(default);
        _kit.Clock.Advance(TimeSpan.FromMinutes(7));
        await shortLived.GetCredentialAsync(default);
        Assert.Equal(3, _sts.Requests.Count);
        _kit.Clock.Advance(TimeSpan.FromSeconds(31));
        await shortLived.GetCredentialAsync(default);
        Assert.Equal(4, _sts.Requests.Count);
    }

    [Fact]
    public async Task SixtyFourCallersDuringARefreshCauseOneRefresh()
    {
        var provider = _kit.Role();
        var old = await provider.GetCredentialAsync(default);
        _kit.Clock.Advance(TimeSpan.FromMinutes(50));

        var gate = _sts.HoldAnswers();
        var callers = Enumerable.Range(0, 64).Select(_ => provider.GetCredentialAsync(default).AsTask()).ToArray();
        await _sts.WaitForRequestsAsync(2);
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        gate.Release();
        var results = await Task.WhenAll(callers);

        Assert.Equal(2, _sts.Requests.Count);
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.NotEqual(old.AccessKeyId, results[0].AccessKeyId);
    }

    [Fact]
    public async Task SixtyFourThreadsOnAColdProviderCauseOneFetch()
    {
        var provider = _kit.Role();
        using var start = new System.Threading.Barrier(64);
        var gate = _sts.HoldAnswers();
        // Dedicated threads: 64 pool threads blocked on a barrier would wait for the pool to grow.
        var callers = Enumerable.Range(0, 64).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return provider.GetCredentialAsync(default).AsTask();
            },
            System.Threading.CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        await _sts.WaitForRequestsAsync(1);
        gate.Release();
        var results = await Task.WhenAll(callers);

        Assert.Single(_sts.Requests);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task AFailedRefreshKeepsAValidCredentialAndFailsOnceItExpired()
    {
        var provider = _kit.Role();
        var old = await provider.GetCredentialAsync(default);
        _kit.Clock.Advance(TimeSpan.FromMinutes(50));
        _sts.Enqueue(FakeAnswer.Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "The service is unavailable."), count: 3);

        Assert.Same(old, await provider.GetCredentialAsync(default));
        Assert.Same(old, await provider.GetCredentialAsync(default)); // backing off: STS is not asked again at once
        Assert.Equal(2, _sts.Requests.Count);
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(old, await provider.GetCredentialAsync(default));
        Assert.Equal(3, _sts.Requests.Count);

        _kit.Clock.Advance(TimeSpan.FromMinutes(10)); // past the expiry
        var expired = await Assert.ThrowsAsync<DmsCredentialException>(() => provider.GetCredentialAsync(default).AsTask());
        Assert.Contains("expired at", expired.Message);
        Assert.Contains("ServiceUnavailable", expired.Message);
        CredentialKit.AssertSafe(expired, "RAM role " + CredentialKit.RoleArn, old.RevealAccessKeySecret(), old.RevealSecurityToken());

        // STS is back: the next call gets a new credential.
        var fresh = await provider.GetCredentialAsync(default);
        CredentialKit.AssertIssued(_sts.Issued.Last(), fresh);
    }

    [Fact]
    public async Task AFirstFetchThatFailsThrowsAndTheNextCallTriesAgain()
    {
        var provider = _kit.Role();
        _sts.Enqueue(FakeAnswer.Error(HttpStatusCode.Forbidden, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM."));

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => provider.GetCredentialAsync(default).AsTask());

        Assert.Contains("AssumeRole at 127.0.0.1 answered HTTP 403 NoPermission: You are not authorized", exception.Message);
        Assert.Contains("RequestId", exception.Message);
        CredentialKit.AssertSafe(exception, "RAM role " + CredentialKit.RoleArn);
        Assert.NotNull(await provider.GetCredentialAsync(default));
    }

    [Theory]
    [InlineData("not json at all", "not a JSON object")]
    [InlineData("""{"RequestId":"r"}""", "without Credentials")]
    [InlineData("""{"Credentials":{"AccessKeyId":"STS.x","SecurityToken":"t","Expiration":"2026-12-01T10:00:00Z"}}""", "without AccessKeySecret")]
    [InlineData("""{"Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"Leaked-Secret-1","Expiration":"2026-12-01T10:00:00Z"}}""", "without SecurityToken")]
    [InlineData("""{"Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"Leaked-Secret-1","SecurityToken":"Leaked-Token-1","Expiration":"tomorrow"}}""", "Expiration that is not a UTC time")]
    [InlineData("""{"Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"Leaked-Secret-1","SecurityToken":"Leaked-Token-1","Expiration":"2020-01-01T00:00:00Z"}}""", "had already expired")]
    public async Task MalformedAnswersNameTheSourceAndNeverTheSecret(string body, string problem)
    {
        _sts.Enqueue(FakeAnswer.Raw(HttpStatusCode.OK, body));

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => _kit.Role().GetCredentialAsync(default).AsTask());

        Assert.Contains(problem, exception.Message);
        CredentialKit.AssertSafe(exception, "RAM role " + CredentialKit.RoleArn, "Leaked-Secret-1", "Leaked-Token-1");
    }

    [Fact]
    public async Task ASignatureErrorThatQuotesTheSourceTokenIsMasked()
    {
        // A wrong secret with an STS source: STS quotes its string to sign, which holds the token (encoded twice).
        var wrong = DmsCredentials.AccessKey("source-id", "Wrong-Secret-Never-Shown", CredentialKit.Token);

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => _kit.Role(wrong).GetCredentialAsync(default).AsTask());

        Assert.Contains("SignatureDoesNotMatch", exception.Message);
        Assert.Contains("***", exception.Message);
        CredentialKit.AssertSafe(exception, "RAM role", "Wrong-Secret-Never-Shown", Uri.EscapeDataString(Uri.EscapeDataString(CredentialKit.Token)));
    }

    [Fact]
    public async Task ARoleChainedFromARoleSignsWithTheFirstRolesTemporaryKeyAndToken()
    {
        var first = _kit.Role();
        var second = _kit.Role(first, r => r.RoleArn = "acs:ram::1234567890123456:role/dms-admin");

        var credential = await second.GetCredentialAsync(default);

        Assert.Equal(2, _sts.Issued.Count);
        var (inner, outer) = (_sts.Issued[0], _sts.Issued[1]);
        CredentialKit.AssertIssued(outer, credential);
        Assert.Equal("acs:ram::1234567890123456:role/dms-admin", outer.RoleArn);
        Assert.Equal("ram_role_arn/ram_role_arn/static_ak", credential.ProviderName);
        var chained = _sts.Requests[1];
        Assert.Equal((inner.AccessKeyId, inner.SecurityToken), (chained.Parameter("AccessKeyId"), chained.Parameter("SecurityToken")));

        // The outer role refreshes with a fresh inner credential once the inner one is due too.
        _kit.Clock.Advance(TimeSpan.FromMinutes(46));
        var refreshed = await second.GetCredentialAsync(default);
        Assert.Equal(4, _sts.Issued.Count);
        Assert.Equal(_sts.Issued[2].AccessKeyId, _sts.Requests[3].Parameter("AccessKeyId"));
        CredentialKit.AssertIssued(_sts.Issued[3], refreshed);
    }

    [Fact]
    public async Task TheFakeRefusesAStolenKeyWithoutItsToken()
    {
        var issued = await _kit.Role().GetCredentialAsync(default);
        var stolen = DmsCredentials.AccessKey(issued.AccessKeyId, issued.RevealAccessKeySecret());

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => _kit.Role(stolen).GetCredentialAsync(default).AsTask());

        Assert.Contains("MissingSecurityToken", exception.Message);
    }

    [Fact]
    public async Task ExternalIdAndGeneratedSessionNameAreSent()
    {
        var provider = DmsCredentials.RamRoleArn(_kit.SourceKey(), new DmsRamRoleOptions { RoleArn = CredentialKit.RoleArn, ExternalId = "abcd-1234" }, _kit.Options, _kit.Environment);

        await provider.GetCredentialAsync(default);

        var request = _sts.Requests.Single();
        Assert.Equal("abcd-1234", request.Parameter("ExternalId"));
        Assert.Equal("dms-codegen-" + _kit.Clock.GetUtcNow().ToUnixTimeMilliseconds(), request.Parameter("RoleSessionName"));
    }

    [Fact]
    public void BadRoleSettingsAreRefusedBeforeAnythingIsSent()
    {
        Assert.Throws<ArgumentException>(() => DmsCredentials.RamRoleArn(_kit.SourceKey(), new DmsRamRoleOptions(), _kit.Options, _kit.Environment));
        Assert.Throws<ArgumentOutOfRangeException>(() => _kit.Role(configure: r => r.Duration = TimeSpan.FromMinutes(14)));
        Assert.Throws<ArgumentException>(() => _kit.Role(configure: r => r.RoleSessionName = "has space"));
        Assert.Throws<ArgumentException>(() => _kit.Role(configure: r => r.RoleSessionName = new string('a', 65)));
        Assert.Empty(_sts.Requests);
    }
}
