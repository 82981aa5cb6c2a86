using System;
using System.Threading.Tasks;
using Dms.Codegen.Workflow.Tests.Api;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>
/// A stream's retries before its first event follow the same policy as every other call: the server's
/// <c>x-acs-retry-after</c> is obeyed, a wait beyond <c>MaxDelay</c> or past the overall timeout gives up at once.
/// </summary>
public sealed class GeneratedStreamRetryTests
{
    private const string Event = """data: {"RequestId":"r1","Success":true,"Data":"Hel"}""" + "\n\n";

    [Fact]
    public async Task A_throttle_whose_retry_after_exceeds_MaxDelay_is_not_retried()
    {
        await using var server = await ThrottleOnceAsync(retryAfterMilliseconds: 60_000);
        using var client = Client(server, maxDelay: TimeSpan.FromMilliseconds(5), overall: TimeSpan.FromSeconds(100));

        var error = await Assert.ThrowsAsync<DmsException>(() => FirstEventAsync(client));

        Assert.Equal("Throttling.User", error.Code);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_retry_that_would_outlast_the_overall_timeout_is_not_made()
    {
        await using var server = await ThrottleOnceAsync(retryAfterMilliseconds: 60_000);
        using var client = Client(server, maxDelay: TimeSpan.FromMinutes(10), overall: TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<DmsException>(() => FirstEventAsync(client));

        Assert.Equal("Throttling.User", error.Code);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_throttle_with_a_short_retry_after_is_retried_and_the_stream_then_delivers()
    {
        await using var server = await ThrottleOnceAsync(retryAfterMilliseconds: 0);
        using var client = Client(server, maxDelay: TimeSpan.FromSeconds(1), overall: TimeSpan.FromSeconds(100));

        var first = await FirstEventAsync(client);

        Assert.Equal("Hel", first.Data);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task An_event_error_after_a_retry_counts_both_attempts_and_keeps_the_events_bytes()
    {
        const string Denied = """data: {"RequestId":"r2","Success":false,"ErrorCode":"NoPermission","ErrorMessage":"denied"}""" + "\n\n";
        await using var server = await LoopbackServer.StartAsync(async (context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers["x-acs-retry-after"] = "0";
                await context.Response.WriteAsync("""{"Code":"ServiceUnavailable","Message":"busy","RequestId":"r1"}""");
                return;
            }

            await LoopbackServer.Stream(context, Denied);
        });
        using var client = Client(server, maxDelay: TimeSpan.FromSeconds(1), overall: TimeSpan.FromSeconds(100));

        var error = await Assert.ThrowsAsync<DmsException>(() => FirstEventAsync(client));

        Assert.Equal(("NoPermission", "r2", 2), (error.Code, error.RequestId, error.Attempts));
        Assert.Equal("denied", error.ServiceMessage);
        Assert.Contains("NoPermission", System.Text.Encoding.UTF8.GetString(error.RawBodyBytes.Span));
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task An_event_larger_than_MaxResponseBytes_is_not_retried_and_names_the_option()
    {
        var big = "data: {\"Data\":\"" + new string('x', 5000) + "\"}\n\n";
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Stream(context, big));
        using var client = new DmsClient(new DmsClientOptions
        {
            Endpoint = server.Endpoint,
            Credentials = DmsCredentials.AccessKey("testid", "testsecret"),
            MaxResponseBytes = 4096,
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1) },
        });

        var error = await Assert.ThrowsAsync<DmsException>(() => FirstEventAsync(client));

        Assert.Equal((DmsErrorCodes.ResponseTooLarge, 1), (error.Code, error.Attempts));
        Assert.Contains("MaxResponseBytes (4096 bytes)", error.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_stream_a_callers_HttpClient_was_redirected_for_is_not_read_or_retried()
    {
        await using var elsewhere = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Stream(context, Event));
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = new Uri(elsewhere.Endpoint, "/events").ToString();
            return Task.CompletedTask;
        });
        using var httpClient = new System.Net.Http.HttpClient(new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = true });
        using var client = new DmsClient(
            new DmsClientOptions { Endpoint = server.Endpoint, Credentials = DmsCredentials.AccessKey("testid", "testsecret"), Retry = { BaseDelay = TimeSpan.Zero } },
            httpClient);

        var error = await Assert.ThrowsAsync<DmsException>(() => FirstEventAsync(client));

        Assert.Equal((DmsErrorCodes.InvalidResponse, 1), (error.Code, error.Attempts));
        Assert.Contains($"the answer came from {new Uri(elsewhere.Endpoint, "/events")}", error.Message);
        Assert.Equal((1, 1), (server.RequestCount, elsewhere.RequestCount));
    }

    [Fact]
    public async Task A_compressed_stream_cut_inside_its_trailer_delivers_its_events_then_fails()
    {
        // The events decode whole; only gzip's CRC-32 and length are missing, which GZipStream alone would not notice.
        var compressed = Gzip(System.Text.Encoding.UTF8.GetBytes(Event + Event));
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(compressed.AsMemory(0, compressed.Length - 4));
        });
        using var client = Client(server, maxDelay: TimeSpan.FromSeconds(1), overall: TimeSpan.FromSeconds(100));
        var delivered = 0;

        var error = await Assert.ThrowsAsync<DmsException>(async () =>
        {
            await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
            {
                delivered++;
            }
        });

        Assert.Equal((2, DmsErrorCodes.InvalidResponse, 1), (delivered, error.Code, error.Attempts));
        Assert.Contains("truncated", error.Message);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new System.IO.MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    // DMS throttles with HTTP 400 Throttling.User and says how long to wait in x-acs-retry-after (ms).
    private static Task<LoopbackServer> ThrottleOnceAsync(int retryAfterMilliseconds) => LoopbackServer.StartAsync(async (context, number) =>
    {
        if (number == 1)
        {
            context.Response.StatusCode = 400;
            context.Response.Headers["x-acs-retry-after"] = retryAfterMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("""{"Code":"Throttling.User","Message":"slow down","RequestId":"t1"}""");
            return;
        }

        await LoopbackServer.Stream(context, Event);
    });

    private static async Task<ChatWithDesensitizeSSEResponse> FirstEventAsync(DmsClient client)
    {
        await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
        {
            return item.Data;
        }

        throw new InvalidOperationException("The stream ended without an event.");
    }

    private static DmsClient Client(LoopbackServer server, TimeSpan maxDelay, TimeSpan overall) => new(new DmsClientOptions
    {
        Endpoint = server.Endpoint,
        Credentials = DmsCredentials.AccessKey("testid", "testsecret"),
        OverallTimeout = overall,
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = maxDelay },
    });
}
