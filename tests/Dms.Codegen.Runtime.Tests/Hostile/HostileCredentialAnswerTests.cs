using System;
using System.Net;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Dms.Codegen.Runtime.Tests.Credentials;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// A credential answer that is valid JSON but holds an escaped lone surrogate ("\ud800"), which
/// JsonElement.GetString refuses with an InvalidOperationException: a DmsCredentialException naming the
/// source and the member, never the framework's exception, and never the value (it may be a secret).
/// </summary>
public sealed class HostileCredentialAnswerTests
{
    [Theory]
    [InlineData("Code", """{"Code":"Succ\ud800ess","AccessKeyId":"a","AccessKeySecret":"Leaked-Secret-4","SecurityToken":"t","Expiration":"2026-12-01T20:00:00Z"}""")]
    [InlineData("AccessKeyId", """{"Code":"Success","AccessKeyId":"a\ud800","AccessKeySecret":"Leaked-Secret-4","SecurityToken":"t","Expiration":"2026-12-01T20:00:00Z"}""")]
    [InlineData("AccessKeySecret", """{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"Leaked-Secret-4\udc00","SecurityToken":"t","Expiration":"2026-12-01T20:00:00Z"}""")]
    [InlineData("SecurityToken", """{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"Leaked-Secret-4","SecurityToken":"\ud800Leaked-Token-4","Expiration":"2026-12-01T20:00:00Z"}""")]
    [InlineData("Expiration", """{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"Leaked-Secret-4","SecurityToken":"t","Expiration":"2026\ud800"}""")]
    public async Task ALoneSurrogateInACredentialAnswerIsADmsCredentialException(string member, string body)
    {
        await using var kit = new CredentialKit();
        var uri = await kit.UriAsync();
        uri.Enqueue(FakeAnswer.Raw(HttpStatusCode.OK, body));
        var provider = DmsCredentials.CredentialsUri(uri.Uri, kit.Options, kit.Environment);

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => provider.GetCredentialAsync(default).AsTask());

        Assert.Equal($"{member} holds an escaped lone surrogate, which is not text", exception.Problem);
        Assert.IsType<InvalidOperationException>(exception.InnerException);
        CredentialKit.AssertSafe(exception, "credentials URI " + uri.Uri.GetLeftPart(UriPartial.Path), "Leaked-Secret-4", "Leaked-Token-4");
    }

    /// <summary>The CLI profile file is read without a refreshing wrapper: the framework's exception escaped as it was.</summary>
    [Theory]
    [InlineData("current", """{"current":"x\ud800","profiles":[]}""")]
    [InlineData("name", """{"current":"p","profiles":[{"name":"\udc00"}]}""")]
    [InlineData("access_key_secret", """{"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"a","access_key_secret":"Leaked-Secret-4\ud800"}]}""")]
    public async Task ALoneSurrogateInTheCliProfileFileIsADmsCredentialException(string member, string json)
    {
        await using var kit = new CredentialKit();
        var provider = DmsCredentials.CliProfile(path: kit.Write(".aliyun/config.json", json), environment: kit.Environment, options: kit.Options);

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => provider.GetCredentialAsync(default).AsTask());

        Assert.Equal($"{member} holds an escaped lone surrogate, which is not text", exception.Problem);
        CredentialKit.AssertSafe(exception, "CLI profile file", "Leaked-Secret-4");
    }

    /// <summary>
    /// An STS endpoint that redirects: AssumeRole is signed with the source key (and carries its STS token), so it
    /// must not be resent to the host the Location names; the answer is an error of the STS source instead.
    /// </summary>
    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task AnStsRedirectIsNotFollowed(int status)
    {
        await using var kit = new CredentialKit();
        await using var elsewhere = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, "{}"));
        await using var sts = await LoopbackServer.StartAsync((c, _) =>
        {
            c.Response.Headers.Location = new Uri(elsewhere.Endpoint, "/stolen").ToString();
            return LoopbackServer.Json(c, "{}", status);
        });
        kit.Options.StsEndpoint = sts.Endpoint;
        kit.Options.TimeProvider = kit.Clock;

        var exception = await Assert.ThrowsAsync<DmsCredentialException>(() => kit.Role(kit.SourceKey("Src-Token-Never-Shown-a17c")).GetCredentialAsync(default).AsTask());

        Assert.Contains($"HTTP {status}", exception.Message);
        Assert.Equal(1, sts.RequestCount);
        Assert.Equal(0, elsewhere.RequestCount);
    }
}
