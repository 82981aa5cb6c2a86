using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>The runtime with a hand-written operation against a real server on 127.0.0.1, checked as DMS would check it.</summary>
public class EchoWireTests
{
    private const string Ok = """{"RequestId":"E","Success":true,"Count":2}""";

    // Every value percent-encoding treats specially.
    private static readonly KeyValuePair<string, string>[] Awkward =
    {
        new("Space", "a b"),
        new("Star", "*"),
        new("Tilde", "~"),
        new("Plus", "1+1"),
        new("Slash", "/a/b"),
        new("Accent", "café"),
        new("Han", "数据库"),
        new("Emoji", "😀"),
        new("Reserved", "a=b&c;d"),
        new("Empty", ""),
    };

    private static EchoClient Client(Uri endpoint, DmsSignatureVersion version, string? token = null) => new(new DmsClientOptions
    {
        Endpoint = endpoint,
        SignatureVersion = version,
        Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, token),
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(1) },
    });

    private static EchoRequest AwkwardRequest()
    {
        var request = new EchoRequest();
        request.Query.AddRange(Awkward);
        request.Form.AddRange(Awkward.Select(p => new KeyValuePair<string, string>("F" + p.Key, p.Value)));
        return request;
    }

    [Fact]
    public async Task V3EncodesAwkwardValuesWithPercent20AndTheSignatureVerifies()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, Ok));
        using var client = Client(server.Endpoint, DmsSignatureVersion.V3, TestClients.Token);

        Assert.Equal(2, (await client.EchoAsync(AwkwardRequest())).Count);

        var received = Assert.Single(server.Received);
        Assert.Contains("Space=a%20b", received.PathAndQuery);
        Assert.Contains("Star=%2A", received.PathAndQuery);
        Assert.Contains("Tilde=~", received.PathAndQuery);
        Assert.Contains("Plus=1%2B1", received.PathAndQuery);
        Assert.Contains("Emoji=%F0%9F%98%80", received.PathAndQuery);
        Assert.Contains("FSpace=a%20b", received.Body);
        Assert.DoesNotContain("+", received.Body);
        Assert.Equal(Acs3Signer.HashPayload(Encoding.UTF8.GetBytes(received.Body)), received.Headers["x-acs-content-sha256"]);
        Assert.Equal(TestClients.Token, received.Headers["x-acs-security-token"]);

        // Verify as the server does: decode what arrived, then recompute the canonical request.
        var authorization = received.Headers.Authorization.ToString();
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        Assert.Equal(new[] { "content-type", "host", "x-acs-accesskey-id", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-security-token", "x-acs-signature-nonce", "x-acs-version" }, signedHeaders);
        var query = Decode(received.PathAndQuery.Split('?', 2)[1]);
        Assert.Equal(Awkward, query);
        var headers = signedHeaders.Select(h => new KeyValuePair<string, string>(h, h == "host" ? received.Host : received.Headers[h].ToString()));
        var canonical = Acs3Signer.CanonicalRequest("POST", "/", query, headers, received.Headers["x-acs-content-sha256"].ToString(), out _);
        Assert.EndsWith("Signature=" + Acs3Signer.Signature(TestClients.Secret, Acs3Signer.StringToSign(canonical)), authorization);
    }

    [Fact]
    public async Task V1SignsQueryAndBodyTogetherWithTheSecurityToken()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, Ok));
        using var client = Client(server.Endpoint, DmsSignatureVersion.V1, TestClients.Token);

        await client.EchoAsync(AwkwardRequest());

        var received = Assert.Single(server.Received);
        var query = Decode(received.PathAndQuery.Split('?', 2)[1]);
        var form = Decode(received.Body);
        Assert.Equal(Awkward.Select(p => new KeyValuePair<string, string>("F" + p.Key, p.Value)), form);
        Assert.Equal(TestClients.Token, query.Single(p => p.Key == "SecurityToken").Value);
        Assert.Equal("JSON", query.Single(p => p.Key == "Format").Value);
        Assert.Equal("application/x-www-form-urlencoded", received.Headers.ContentType.ToString());
        var signature = query.Single(p => p.Key == "Signature").Value;
        var stringToSign = RpcV1Signer.StringToSign("POST", query.Where(p => p.Key != "Signature").Concat(form));
        Assert.Equal(RpcV1Signer.Signature(TestClients.Secret, stringToSign), signature);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", query.Single(p => p.Key == "Timestamp").Value);
    }

    [Fact]
    public async Task ABodyTheTypedReaderRejectsIsADmsExceptionNotAFormatException()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, """{"RequestId":"Bad1","Success":true,"Count":1.5}"""));
        using var client = Client(server.Endpoint, DmsSignatureVersion.V3);
        var request = new EchoRequest();
        request.Query.Add(new("A", "1"));

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.EchoAsync(request));

        Assert.Equal("InvalidResponse", exception.Code);
        Assert.Equal("Bad1", exception.RequestId);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.IsType<FormatException>(exception.InnerException);
        Assert.Contains("\"Count\":1.5", exception.Message);
        Assert.Equal(1, server.RequestCount); // a malformed 200 is not retried
    }

    [Fact]
    public async Task AnInvalidRequestThrowsBeforeAnythingIsSent()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, Ok));
        using var client = Client(server.Endpoint, DmsSignatureVersion.V3);

        await Assert.ThrowsAsync<ArgumentException>(() => client.EchoAsync(new EchoRequest()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.EchoAsync(null!));

        Assert.Equal(0, server.RequestCount);
    }

    // Built in code: an attribute's string is stored as UTF-8, which would turn the lone half into U+FFFD.
    [Theory]
    [InlineData("a", 0xD800, "b", 1)] // a high surrogate without its low half
    [InlineData("", 0xDC00, "", 0)] // a low surrogate alone
    [InlineData("😀", 0xD83D, "", 2)] // a whole pair, then half of one at the end
    public async Task AValueWithALoneSurrogateThrowsBeforeAnythingIsSent(string before, int surrogate, string after, int index)
    {
        var value = before + (char)surrogate + after;
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, Ok));
        using var client = Client(server.Endpoint, DmsSignatureVersion.V3);
        var request = new EchoRequest();
        request.Form.Add(new("Comment", value));

        // UTF-8 cannot carry it: encoding would have sent U+FFFD in its place.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.EchoAsync(request));

        Assert.Contains("'Comment'", error.Message);
        Assert.Contains($"index {index}", error.Message);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task A429IsRetriedAndEveryAttemptHasItsOwnTimestampNonceAndSignature()
    {
        await using var server = await LoopbackServer.StartAsync((c, n) => n < 3
            ? LoopbackServer.Json(c, """{"Code":"TooManyRequests","Message":"slow"}""", 429)
            : LoopbackServer.Json(c, Ok));
        using var client = Client(server.Endpoint, DmsSignatureVersion.V1);
        var request = new EchoRequest();
        request.Form.Add(new("A", "1"));

        await client.EchoAsync(request);

        var attempts = server.Received.Select(r => Decode(r.PathAndQuery.Split('?', 2)[1]).ToDictionary(p => p.Key, p => p.Value)).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(3, attempts.Select(a => a["SignatureNonce"]).Distinct().Count());
        Assert.Equal(3, attempts.Select(a => a["Signature"]).Distinct().Count());
    }

    [Fact]
    public void ParametersOfOtherCulturesAreSignedAsSent()
    {
        // Signing works on the text DmsRequest carries; the culture never enters (numbers are formatted invariantly upstream).
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            Assert.Equal("I%C4%B0", PercentEncoder.Encode("Iİ"));
            Assert.Equal("GET&%2F&i%3DI", RpcV1Signer.StringToSign("get", new[] { new KeyValuePair<string, string>("i", "I") }));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    private static List<KeyValuePair<string, string>> Decode(string encoded) =>
        encoded.Length == 0
            ? new()
            : encoded.Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1]))).ToList();
}
