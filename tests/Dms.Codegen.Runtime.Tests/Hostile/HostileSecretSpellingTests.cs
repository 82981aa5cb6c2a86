using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// A server echoes the STS token (or the secret) in a spelling that means the same text: JSON escapes of plain
/// characters (Gson's HTML-safe <c>\u003d</c> for '=', lowercase hex, every character escaped) or lowercase
/// percent-encoding. None of them may reach the exception's message, raw body, raw bytes or ToString.
/// </summary>
public class HostileSecretSpellingTests
{
    private const string Token = SecretEchoTests.SpecialToken; // "CAIS+Sts/Token=Never Shown=="

    public static TheoryData<string, string> Spellings() => new()
    {
        { "Gson's HTML-safe escapes", Token.Replace("=", "\\u003d", StringComparison.Ordinal) },
        { "lowercase hex for '+'", Token.Replace("+", "\\u002b", StringComparison.Ordinal) },
        { "every character escaped", string.Concat(Token.Select(c => $"\\u{(int)c:x4}")) },
        { "the first character escaped", "\\u0043" + Token[1..] },
        { "lowercase percent-encoding", "CAIS%2bSts%2fToken%3dNever%20Shown%3d%3d" },
        { "lowercase percent-encoding, its '%' escaped", "CAIS\\u00252bSts%2fToken%3dNever%20Shown%3d%3d" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task AnEchoedTokenInAnotherSpellingIsMasked(string spelling, string echoed)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, $$"""{"Code":"SignatureDoesNotMatch","RequestId":"R1","Message":"server string to sign is: x-acs-security-token:{{echoed}}"}""", 400));
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, Token);
            o.Retry.MaxAttempts = 1;
        });

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), "SignatureDoesNotMatch", HttpStatusCode.BadRequest, "R1");

        foreach (var (place, text) in new[] { ("Message", exception.Message), ("RawBody", exception.RawBody!), ("ToString", exception.ToString()), ("RawBodyBytes", Encoding.Latin1.GetString(exception.RawBodyBytes.Span)), ("ServiceMessage", exception.ServiceMessage!) })
        {
            Assert.DoesNotContain(echoed, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Never", text, StringComparison.Ordinal);
            Assert.True(text.Contains("***", StringComparison.Ordinal), $"{spelling}: {place} shows the mask: {text}");
        }
    }

    /// <summary>
    /// Real STS tokens are near 1,000 characters, escaped 6,000: more than the part of the body read past the
    /// RawBody cut, so the whole token is never seen and its escaped start must be recognised at the cut.
    /// </summary>
    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task AnEscapedLongTokenAcrossTheRawBodyCutLeavesNoStart(int before)
    {
        var token = "CAIS" + string.Concat(Enumerable.Repeat("Ab1+/=", 170));
        const string prefix = "{\"Code\":\"SignatureDoesNotMatch\",\"RequestId\":\"R1\",\"Message\":\"";
        var escaped = string.Concat(token.Select(c => $"\\u{(int)c:x4}"));
        var body = prefix + new string('m', 64 * 1024 - before - prefix.Length) + escaped + "\"}";
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body, 400));
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, token);
            o.Retry.MaxAttempts = 1;
        });

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), "SignatureDoesNotMatch", HttpStatusCode.BadRequest, "R1");

        Assert.DoesNotContain("Ab1+", exception.ServiceMessage!, StringComparison.Ordinal);
        foreach (var text in new[] { exception.RawBody!, Encoding.Latin1.GetString(exception.RawBodyBytes.Span), exception.ToString() })
        {
            Assert.DoesNotContain("\\u0043\\u0041", text, StringComparison.Ordinal);
            Assert.DoesNotContain("CAI", text, StringComparison.Ordinal);
        }

        Assert.InRange(exception.RawBody!.Length, 60 * 1024, (64 * 1024) + 1);
    }
}
