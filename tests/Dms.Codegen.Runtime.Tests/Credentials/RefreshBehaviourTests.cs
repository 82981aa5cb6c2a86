using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

/// <summary>The refresh rules, shown on every source that fetches temporary credentials, each against its fake.</summary>
public sealed class RefreshBehaviourTests : IAsyncDisposable
{
    private readonly CredentialKit _kit = new();

    public static TheoryData<string> Sources => new() { "ram_role_arn", "oidc_role_arn", "ecs_ram_role", "credentials_uri" };

    public ValueTask DisposeAsync() => _kit.DisposeAsync();

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task SixtyFourCallersDuringARefreshCauseOneRefresh(string kind)
    {
        var (fake, provider, life) = await StartAsync(kind);
        var old = await provider.GetCredentialAsync(default);
        _kit.Clock.Advance(life - TimeSpan.FromMinutes(10)); // inside the 15-minute margin, still valid
        var before = fake.Requests.Count;

        var gate = fake.HoldAnswers();
        var callers = Enumerable.Range(0, 64).Select(_ => provider.GetCredentialAsync(default).AsTask()).ToArray();
        await fake.WaitForRequestsAsync(before + 1);
        Assert.All(callers, c => Assert.False(c.IsCompleted));
        gate.Release();
        var results = await Task.WhenAll(callers);

        Assert.Equal(2, fake.Issued.Count);
        Assert.All(results, r => Assert.Same(results[0], r));
        CredentialKit.AssertIssued(fake.Issued[1], results[0]);
        Assert.NotEqual(old.AccessKeyId, results[0].AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task AFailingRefreshKeepsTheValidCredentialAndFailsOnceItExpired(string kind)
    {
        var (fake, provider, life) = await StartAsync(kind);
        var old = await provider.GetCredentialAsync(default);
        _kit.Clock.Advance(life - TimeSpan.FromMinutes(10));
        fake.Enqueue(FakeAnswer.Error(HttpStatusCode.InternalServerError, "InternalError", "Failed."), count: 100);

        Assert.Same(old, await provider.GetCredentialAsync(default));
        _kit.Clock.Advance(TimeSpan.FromMinutes(10));
        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => provider.GetCredentialAsync(default).AsTask());

        Assert.Contains("expired at", exception.Message);
        Assert.Contains("HTTP 500", exception.Message);
        CredentialKit.AssertSafe(exception, provider.Source, old.RevealAccessKeySecret(), old.RevealSecurityToken());
        Assert.Single(fake.Issued);
    }

    private async Task<(CredentialFake Fake, IDmsCredentialProvider Provider, TimeSpan Life)> StartAsync(string kind)
    {
        switch (kind)
        {
            case "ram_role_arn":
                return (await _kit.StsAsync(), _kit.Role(), TimeSpan.FromHours(1));
            case "oidc_role_arn":
                var sts = await _kit.StsAsync();
                var role = new DmsOidcRoleOptions { RoleArn = CredentialKit.RoleArn, OidcProviderArn = CredentialKit.ProviderArn, OidcTokenFile = _kit.Write("token", "eyJ.refresh.sig") };
                return (sts, DmsCredentials.OidcRole(role, _kit.Options, _kit.Environment), TimeSpan.FromHours(1));
            case "ecs_ram_role":
                return (await _kit.MetadataAsync(), DmsCredentials.EcsRamRole(options: _kit.Options, environment: _kit.Environment), TimeSpan.FromHours(6));
            default:
                var uri = await _kit.UriAsync();
                return (uri, DmsCredentials.CredentialsUri(uri.Uri, _kit.Options, _kit.Environment), TimeSpan.FromHours(1));
        }
    }
}
