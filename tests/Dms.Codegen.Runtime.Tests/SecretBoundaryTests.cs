using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// A server that echoes the request's security token or signature so that it straddles a cut: the 512-character
/// preview in the message, the 64 Ki-character RawBody and the window decoded for it, the 4 Ki-character service
/// message, the 256-character ids. Text is redacted before it is cut, so not even a prefix of the secret is left,
/// in the exception or in the attempt's log line.
/// </summary>
public class SecretBoundaryTests
{
    // A prefix this long could be recognised (and tried) as the start of the secret.
    private const int PrefixChars = 8;

    public enum Secret
    {
        Token,
        Signature,
    }

    public enum Channel
    {
        /// <summary>A non-JSON error body, quoted in the message (512) and kept as RawBody (64 Ki, decoded from 65 Ki bytes, where the secret is cut before redaction).</summary>
        TextBody,

        /// <summary>The Message of a JSON error: ServiceMessage (4 Ki) and the message's description (4 Ki, after the code).</summary>
        JsonMessage,

        /// <summary>The RequestId of a JSON error (256).</summary>
        JsonRequestId,
    }

    public static TheoryData<Secret, Channel> Cases() => new()
    {
        { Secret.Token, Channel.TextBody },
        { Secret.Signature, Channel.TextBody },
        { Secret.Token, Channel.JsonMessage },
        { Secret.Signature, Channel.JsonMessage },
        { Secret.Token, Channel.JsonRequestId },
        { Secret.Signature, Channel.JsonRequestId },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task NoPrefixOfAnEchoedSecretSurvivesACut(Secret secret, Channel channel)
    {
        var start = 0;
        string? echoed = null;
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            echoed = secret == Secret.Token
                ? c.Request.Headers["x-acs-security-token"].ToString()
                : c.Request.Headers.Authorization.ToString().Split("Signature=").Last();
            return Answer(c, channel, start, echoed);
        });
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, TestClients.Token);
            o.Retry.MaxAttempts = 1;
            o.LoggerFactory = factory; // the attempt's log line shows the (masked) request id
        });
        var length = secret == Secret.Token ? TestClients.Token.Length : 64;

        foreach (var boundary in Boundaries(channel))
        {
            // Every position from just before the cut to just after it, so that each split of the secret is tried.
            for (start = boundary - length - 2; start <= boundary + 2; start++)
            {
                var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

                Assert.Equal(length, echoed!.Length);
                var text = string.Join("\n", exception.Message, exception.ToString(), exception.RawBody, Encoding.Latin1.GetString(exception.RawBodyBytes.Span), exception.ServiceMessage, exception.RequestId, exception.HostId, string.Join("\n", logs.Lines));
                var at = $"{channel}, cut at {boundary}, secret at {start}";
                Assert.False(text.Contains(echoed[..PrefixChars], StringComparison.Ordinal), $"a prefix of the {secret} is in the exception ({at})");
                Assert.True(Shown(exception, channel, boundary) >= Math.Min(start, Math.Min(boundary, 64 * 1024)) - 1, $"the text before the secret is shown, so the check saw the cut ({at})");
            }
        }

        Assert.Equal(server.RequestCount, logs.Lines.Count); // one line per attempt, each checked above
    }

    private static int[] Boundaries(Channel channel) => channel switch
    {
        Channel.TextBody => new[] { 512, 64 * 1024, (64 * 1024) + 1024 },
        Channel.JsonMessage => new[] { 4096, 4096 - "SignatureDoesNotMatch: ".Length },
        _ => new[] { 256 },
    };

    /// <summary>How many filler characters before the secret the exception kept where this cut is made.</summary>
    private static int Shown(DmsException exception, Channel channel, int boundary)
    {
        var kept = channel switch
        {
            Channel.TextBody when boundary == 512 => exception.Message[exception.Message.IndexOf(", body: ", StringComparison.Ordinal)..],
            Channel.TextBody => exception.RawBody!,
            Channel.JsonMessage => exception.ServiceMessage!,
            _ => exception.RequestId!,
        };
        return kept.Count(c => c == 'x');
    }

    private static Task Answer(HttpContext context, Channel channel, int start, string secret)
    {
        var echo = new string('x', start) + secret + new string('y', 3000);
        if (channel == Channel.TextBody)
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(echo, Encoding.UTF8);
        }

        var body = channel == Channel.JsonMessage
            ? $$"""{"Code":"SignatureDoesNotMatch","RequestId":"R1","Message":"{{echo}}"}"""
            : $$"""{"Code":"SignatureDoesNotMatch","RequestId":"{{echo}}","Message":"no"}""";
        return LoopbackServer.Json(context, body, 400);
    }
}
