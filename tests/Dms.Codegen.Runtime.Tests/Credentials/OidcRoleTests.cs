using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

public sealed class OidcRoleTests : IAsyncLifetime
{
    private const string OidcToken = "eyJhbGciOiJSUzI1NiJ9.first-Oidc-Token-Never-Shown.sig";

    private readonly CredentialKit _kit = new();
    private FakeStsService _sts = null!;
    private string _tokenFile = null!;

    public async Task InitializeAsync()
    {
        _sts = await _kit.StsAsync();
        _tokenFile = _kit.Write("var/run/secrets/tokens/oidc-token", OidcToken + "\n");
        _kit.Variables["ALIBABA_CLOUD_ROLE_ARN"] = CredentialKit.RoleArn;
        _kit.Variables["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = CredentialKit.ProviderArn;
        _kit.Variables["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = _tokenFile;
        _kit.Variables["ALIBABA_CLOUD_ROLE_SESSION_NAME"] = "rrsa-pod";
    }

    public Task DisposeAsync() => _kit.DisposeAsync().AsTask();

    private IDmsCredentialProvider Provider() => DmsCredentials.OidcRole(options: _kit.Options, environment: _kit.Environment);

    [Fact]
    public async Task TheVariablesGiveAnAnonymousAssumeRoleWithOidc()
    {
        var credential = await Provider().GetCredentialAsync(default);

        CredentialKit.AssertIssued(_sts.Issued.Single(), credential);
        Assert.Equal("oidc_role_arn", credential.ProviderName);
        var request = _sts.Requests.Single();
        Assert.Equal(("POST", "AssumeRoleWithOIDC", "2015-04-01"), (request.Method, request.Parameter("Action"), request.Parameter("Version")));
        Assert.Null(request.Parameter("AccessKeyId"));
        Assert.Null(request.Parameter("Signature"));
        Assert.Equal((CredentialKit.RoleArn, CredentialKit.ProviderArn, OidcToken, "rrsa-pod"), (request.Parameter("RoleArn"), request.Parameter("OIDCProviderArn"), request.Parameter("OIDCToken"), request.Parameter("RoleSessionName")));
    }

    [Fact]
    public async Task TheTokenFileIsReadAgainOnEveryRefresh()
    {
        var provider = Provider();
        await provider.GetCredentialAsync(default);
        _kit.Write("var/run/secrets/tokens/oidc-token", "eyJ.rotated-token.sig");
        _kit.Clock.Advance(TimeSpan.FromMinutes(46));

        var refreshed = await provider.GetCredentialAsync(default);

        Assert.Equal("eyJ.rotated-token.sig", _sts.Requests[1].Parameter("OIDCToken"));
        CredentialKit.AssertIssued(_sts.Issued[1], refreshed);
    }

    [Fact]
    public async Task AMissingTokenFileNamesTheFileAndARefusedTokenIsNeverQuoted()
    {
        File.Delete(_tokenFile);
        var missing = await Assert.ThrowsAsync<DmsCredentialException>(() => Provider().GetCredentialAsync(default).AsTask());
        Assert.Contains("the OIDC token file could not be read", missing.Message);
        CredentialKit.AssertSafe(missing, _tokenFile);

        _kit.Write("var/run/secrets/tokens/oidc-token", OidcToken);
        _sts.Enqueue(FakeAnswer.Error(HttpStatusCode.BadRequest, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token " + OidcToken + " is invalid."));
        var refused = await Assert.ThrowsAsync<DmsCredentialException>(() => Provider().GetCredentialAsync(default).AsTask());
        Assert.Contains("AuthenticationFail.OIDCToken.Invalid", refused.Message);
        CredentialKit.AssertSafe(refused, "OIDC role " + CredentialKit.RoleArn, OidcToken);
    }

    [Fact]
    public async Task TheFakeChecksTheTokenItWasGiven()
    {
        await using var kit = new CredentialKit();
        await kit.StsAsync(o => o.OidcTokens.Add("eyJ.the-only-good-token.sig"));
        var role = new DmsOidcRoleOptions { RoleArn = CredentialKit.RoleArn, OidcProviderArn = CredentialKit.ProviderArn, OidcTokenFile = kit.Write("token", "eyJ.some-other-token.sig") };

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => DmsCredentials.OidcRole(role, kit.Options, kit.Environment).GetCredentialAsync(default).AsTask());

        Assert.Contains("AuthenticationFail.OIDCToken.Invalid", exception.Message);
    }

    [Fact]
    public void WithoutTheVariablesTheSourceSaysWhatIsMissing()
    {
        _kit.Variables.Remove("ALIBABA_CLOUD_OIDC_PROVIDER_ARN");

        var exception = Assert.Throws<ArgumentException>(() => Provider());

        Assert.Contains("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", exception.Message);
    }
}
