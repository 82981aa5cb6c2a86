using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

public sealed class CredentialsUriTests : IAsyncLifetime
{
    private readonly CredentialKit _kit = new();
    private FakeCredentialsUri _uri = null!;

    public async Task InitializeAsync()
    {
        _uri = await _kit.UriAsync();
        _kit.Variables["ALIBABA_CLOUD_CREDENTIALS_URI"] = _uri.Uri.ToString();
    }

    public Task DisposeAsync() => _kit.DisposeAsync().AsTask();

    private IDmsCredentialProvider Provider() => DmsCredentials.CredentialsUri(options: _kit.Options, environment: _kit.Environment);

    [Fact]
    public async Task AnUnsignedGetGivesTheCredentialAndItIsRefreshedBeforeExpiry()
    {
        var provider = Provider();
        var first = await provider.GetCredentialAsync(default);
        CredentialKit.AssertIssued(_uri.Issued.Single(), first);
        Assert.Equal(("GET", "/credentials"), (_uri.Requests[0].Method, _uri.Requests[0].Path));
        Assert.Null(_uri.Requests[0].Header("Authorization"));

        _kit.Clock.Advance(TimeSpan.FromMinutes(45));
        var second = await provider.GetCredentialAsync(default);
        CredentialKit.AssertIssued(_uri.Issued[1], second);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "{}", "answered HTTP 500")]
    [InlineData(HttpStatusCode.OK, """{"Code":"Denied","AccessKeyId":"a","AccessKeySecret":"Leaked-Secret-3","SecurityToken":"Leaked-Token-3","Expiration":"2026-12-01T20:00:00Z"}""", "Code 'Denied'")]
    [InlineData(HttpStatusCode.OK, """{"AccessKeyId":"a","AccessKeySecret":"Leaked-Secret-3","SecurityToken":"Leaked-Token-3"}""", "without Expiration")]
    [InlineData(HttpStatusCode.OK, "[1,2]", "not a JSON object")]
    public async Task ErrorAndMalformedAnswersNameTheSource(HttpStatusCode status, string body, string problem)
    {
        _uri.Enqueue(FakeAnswer.Raw(status, body));

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Provider().GetCredentialAsync(default).AsTask());

        Assert.Contains(problem, exception.Message);
        CredentialKit.AssertSafe(exception, "credentials URI " + _uri.Uri.GetLeftPart(UriPartial.Path), "Leaked-Secret-3", "Leaked-Token-3");
    }

    [Fact]
    public async Task AnOversizedAnswerIsRefused()
    {
        _uri.Enqueue(FakeAnswer.Raw(HttpStatusCode.OK, "{\"x\":\"" + new string('a', 100_000) + "\"}"));

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => Provider().GetCredentialAsync(default).AsTask());

        Assert.Contains("more than 64 KiB", exception.Message);
    }

    [Fact]
    public void ARelativeOrMissingUriIsRefused()
    {
        _kit.Variables["ALIBABA_CLOUD_CREDENTIALS_URI"] = "/relative";
        Assert.Throws<ArgumentException>(() => Provider());
        Assert.Throws<ArgumentException>(() => DmsCredentials.CredentialsUri(new Uri("ftp://127.0.0.1/x"), _kit.Options, _kit.Environment));
    }
}
