using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Streaming;
using Dms.Codegen.Workflow.Tests.Api;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>The generated <c>ChatWithDesensitizeSSEStreamAsync</c> through the real client against a loopback server that streams.</summary>
public sealed class GeneratedStreamTests
{
    private const string One = """{"RequestId":"r1","Success":true,"Data":"Hel"}""";
    private const string Two = """{"RequestId":"r2","Success":true,"Data":"lo"}""";

    [Fact]
    public async Task Events_arrive_as_typed_responses_signed_with_V3_even_when_the_client_is_configured_for_V1()
    {
        string? authorization = null;
        string? signatureMethod = null;
        var firstSeen = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            authorization = context.Request.Headers.Authorization;
            signatureMethod = context.Request.Query["SignatureMethod"];
            await LoopbackServer.Stream(context, $"id: a\nevent: delta\ndata: {One}\n\n");
            // The second event is sent only once the client has the first: events are read as they arrive.
            await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
            await LoopbackServer.Stream(context, $"id: b\ndata: {Two}\n\n");
        });
        using var client = Client(server, DmsSignatureVersion.V1);
        var events = new List<DmsEvent<ChatWithDesensitizeSSEResponse>>();
        await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1, Messages = new[] { System.Text.Json.JsonDocument.Parse("""{"content":"hi","role":"user"}""").RootElement } }))
        {
            events.Add(item);
            firstSeen.TrySetResult();
        }

        Assert.Equal(new[] { "Hel", "lo" }, events.ConvertAll(e => e.Data.Data));
        Assert.Equal(("a", "delta"), (events[0].Id, events[0].EventType));
        Assert.StartsWith("ACS3-HMAC-SHA256 Credential=testid", authorization);
        Assert.True(string.IsNullOrEmpty(signatureMethod));
    }

    [Fact]
    public async Task An_error_body_instead_of_a_stream_is_a_DmsException_with_the_code()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"Code":"InvalidParameter","Message":"InstanceId is invalid","RequestId":"r400"}""");
        });
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<DmsException>(() => Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 })));
        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal("r400", error.RequestId);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_JSON_envelope_with_Success_false_instead_of_a_stream_is_a_DmsException()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"Success":false,"ErrorCode":"NoPermission","ErrorMessage":"denied","RequestId":"r1"}""");
        });
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<DmsException>(() => Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 })));
        Assert.Equal("NoPermission", error.Code);
    }

    [Fact]
    public async Task A_transient_failure_before_the_first_event_is_retried()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("""{"Code":"ServiceUnavailable","Message":"busy"}""");
                return;
            }

            await LoopbackServer.Stream(context, $"data: {One}\n\n");
        });
        using var client = Client(server);
        var events = await Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }));
        Assert.Single(events);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_failure_after_the_first_event_ends_the_stream_and_is_not_retried()
    {
        var firstSeen = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            await LoopbackServer.Stream(context, $"data: {One}\n\n", "data: {\"Requ");
            await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
            context.Abort(); // the connection breaks in the middle of the second event
        });
        using var client = Client(server);
        var received = new List<string?>();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
            {
                received.Add(item.Data.Data);
                firstSeen.TrySetResult();
            }
        });
        Assert.IsAssignableFrom<DmsException>(error);
        Assert.Equal(new[] { "Hel" }, received);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_Success_false_event_mid_stream_ends_it_with_a_DmsException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            LoopbackServer.Stream(context, $"data: {One}\n\n", """data: {"Success":false,"ErrorCode":"Throttling.User","ErrorMessage":"slow down","RequestId":"r7"}""" + "\n\n"));
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<DmsException>(() => Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 })));
        Assert.Equal("Throttling.User", error.Code);
        Assert.Equal(1, server.RequestCount); // after the first event nothing is retried, not even throttling
    }

    [Fact]
    public async Task The_attempt_timeout_bounds_the_silence_between_events_not_the_whole_stream()
    {
        var time = new SteppingTime();
        var release = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            await LoopbackServer.Stream(context, $"data: {One}\n\n");
            await release.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var client = Client(server, configure: o =>
        {
            o.TimeProvider = time;
            o.AttemptTimeout = TimeSpan.FromSeconds(20);
        });
        var received = new List<string?>();
        var reading = Task.Run(async () =>
        {
            await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
            {
                received.Add(item.Data.Data);
            }
        });
        // Idle timers start on every read; move the clock past the one that waits after the first event.
        await time.AdvancePastFirstTimerAfter(() => Volatile.Read(ref received) is { Count: 1 });

        var error = await Assert.ThrowsAsync<DmsTimeoutException>(() => reading);
        Assert.Contains("20 s", error.Message);
        Assert.Equal(new[] { "Hel" }, received);
        release.SetResult();
    }

    [Fact]
    public async Task The_wait_for_the_headers_is_bounded_on_the_clients_TimeProvider()
    {
        // An hour on the client's clock, which only the test moves: a timer on the system clock would never fire here.
        var time = new SteppingTime();
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));
        using var client = Client(server, configure: o =>
        {
            o.TimeProvider = time;
            o.AttemptTimeout = TimeSpan.FromHours(1);
            o.Retry.MaxAttempts = 1;
        });

        var error = await Assert.ThrowsAsync<DmsTimeoutException>(() => time.Drive(Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))));

        Assert.Contains("3600 s", error.Message);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task A_TLS_failure_is_a_TransportError_and_not_retried()
    {
        // An https client against the plain-HTTP loopback server: the handshake fails every time.
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Stream(context, $"data: {One}\n\n"));
        var https = new UriBuilder(server.Endpoint) { Scheme = "https" }.Uri;
        using var client = Client(server, configure: o => o.Endpoint = https);

        var error = await Assert.ThrowsAsync<DmsException>(() => Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 })));

        Assert.Equal(DmsErrorCodes.TransportError, error.Code);
        Assert.IsAssignableFrom<System.Net.Http.HttpRequestException>(error.InnerException);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task A_stream_has_the_same_span_as_every_call()
    {
        var spans = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == DmsTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.Headers["x-acs-request-id"] = "stream-1";
            await LoopbackServer.Stream(context, $"data: {One}\n\n");
        });
        using var client = Client(server);

        await Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }));

        System.Diagnostics.Activity span;
        lock (spans)
        {
            span = Assert.Single(spans, s => s.GetTagItem("rpc.method") as string == "ChatWithDesensitizeSSE");
        }

        Assert.Equal("dms-enterprise/ChatWithDesensitizeSSE", span.DisplayName);
        Assert.Equal(DmsTelemetry.RpcSystem, span.GetTagItem("rpc.system"));
        Assert.Equal(DmsTelemetry.RpcService, span.GetTagItem("rpc.service"));
        Assert.Equal(server.Endpoint.Host, span.GetTagItem("server.address"));
        Assert.Equal(server.Endpoint.Port, span.GetTagItem("server.port"));
        Assert.Equal("stream-1", span.GetTagItem("dms.request_id"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Cancellation_mid_stream_is_an_OperationCanceledException_with_the_callers_token()
    {
        var release = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            await LoopbackServer.Stream(context, $"data: {One}\n\n");
            await release.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var client = Client(server);
        using var cancellation = new CancellationTokenSource();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }, cancellation.Token))
            {
                cancellation.Cancel();
            }
        });
        Assert.Equal(cancellation.Token, error.CancellationToken);
        release.SetResult();
    }

    [Fact]
    public async Task A_stream_asks_for_no_compression_but_a_compressed_one_is_decoded()
    {
        var compressed = Gzip($"data: {One}\n\ndata: {Two}\n\n");
        await using var server = await LoopbackServer.StartAsync((context, _) => CompressedStream(context, compressed));
        using var client = Client(server);

        var events = await Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }));

        Assert.Equal(new[] { "Hel", "lo" }, events.ConvertAll(e => e.Data.Data));
        Assert.Equal(string.Empty, Assert.Single(server.Received).Headers.AcceptEncoding.ToString());
    }

    [Fact]
    public async Task A_stream_of_invalid_compressed_data_is_an_InvalidResponse()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => CompressedStream(context, "data: this is not gzip at all\n\n"u8.ToArray()));
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<DmsException>(() => Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 })));

        Assert.Equal(DmsErrorCodes.InvalidResponse, error.Code);
        Assert.Contains("could not be decompressed", error.Message);
    }

    [Fact]
    public async Task A_compressed_error_body_instead_of_a_stream_is_decoded_into_its_code()
    {
        var body = Gzip("""{"Code":"InvalidParameter","Message":"InstanceId is invalid","RequestId":"r400"}""");
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(body);
        });
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<DmsException>(() => Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 })));

        Assert.Equal(("InvalidParameter", "r400", System.Net.HttpStatusCode.BadRequest), (error.Code, error.RequestId, error.StatusCode));
        Assert.Contains("InstanceId is invalid", error.Message);
    }

    [Fact]
    public async Task A_compressed_error_body_larger_than_the_limit_once_decoded_is_stopped_at_the_limit()
    {
        // 64 KB of gzip that would decode to 64 MB; the limit is 1 MB.
        var bomb = Gzip("{\"Code\":\"" + new string('A', 64 * 1024 * 1024) + "\"}");
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(bomb);
        });
        using var client = Client(server, configure: o =>
        {
            o.MaxResponseBytes = 1024 * 1024;
            o.Retry.MaxAttempts = 1;
        });

        var error = await Assert.ThrowsAsync<DmsException>(() => Drain(client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 })));

        Assert.Equal(DmsErrorCodes.ResponseTooLarge, error.Code);
        Assert.Contains("MaxResponseBytes", error.Message);
        Assert.True(bomb.Length < 1024 * 1024, $"the compressed body is {bomb.Length} bytes");
    }

    private static async Task CompressedStream(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.ContentEncoding = "gzip";
        await context.Response.Body.WriteAsync(body);
    }

    private static byte[] Gzip(string text)
    {
        using var output = new System.IO.MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static DmsClient Client(LoopbackServer server, DmsSignatureVersion version = DmsSignatureVersion.V3, Action<DmsClientOptions>? configure = null)
    {
        var options = new DmsClientOptions
        {
            Endpoint = server.Endpoint,
            Credentials = DmsCredentials.AccessKey("testid", "testsecret"),
            SignatureVersion = version,
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        };
        configure?.Invoke(options);
        return new DmsClient(options);
    }

    private static async Task<List<DmsEvent<ChatWithDesensitizeSSEResponse>>> Drain(IAsyncEnumerable<DmsEvent<ChatWithDesensitizeSSEResponse>> events)
    {
        var list = new List<DmsEvent<ChatWithDesensitizeSSEResponse>>();
        await foreach (var item in events)
        {
            list.Add(item);
        }

        return list;
    }
}
