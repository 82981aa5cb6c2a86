using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Streaming;
using Dms.Codegen.Workflow.Tests.Api;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>The event layer (System.Net.ServerSentEvents behind the runtime's guard) over a real loopback stream.</summary>
public sealed class EventReaderTests
{
    private const string One = """{"RequestId":"r1","Success":true,"Data":"Hel"}""";
    private const string Two = """{"RequestId":"r2","Success":true,"Data":"lo"}""";

    [Fact]
    public async Task Events_split_across_network_reads_are_put_back_together()
    {
        var text = $"id: a\nevent: delta\ndata: {One}\n\nid: b\ndata: {Two}\n\n";
        var chunks = new List<string>();
        for (var i = 0; i < text.Length; i += 7)
        {
            chunks.Add(text.Substring(i, Math.Min(7, text.Length - i)));
        }

        var events = await Read(chunks.ToArray());
        Assert.Equal(2, events.Count);
        Assert.Equal(("a", "delta", "Hel"), (events[0].Id, events[0].EventType, events[0].Data.Data));
        Assert.Equal(("b", "message", "lo"), (events[1].Id, events[1].EventType, events[1].Data.Data));
    }

    [Fact]
    public async Task Multi_line_data_is_joined_with_line_feeds()
    {
        var events = await Read("data: {\"RequestId\":\"r1\",\n", "data: \"Success\":true,\n", "data: \"Data\":\"x\"}\n\n");
        Assert.Equal("x", Assert.Single(events).Data.Data);
    }

    [Fact]
    public async Task CRLF_and_CR_line_endings_are_accepted()
    {
        var events = await Read($"id: 1\r\ndata: {One}\r\n\r\n", $"id: 2\rdata: {Two}\r\r");
        Assert.Equal(new[] { "1", "2" }, events.ConvertAll(e => e.Id));
    }

    [Fact]
    public async Task Comments_and_keep_alives_are_skipped()
    {
        var events = await Read(": keep-alive\n\n", ":\n", $"data: {One}\n\n", ": ping\n\n", $"retry: 3000\ndata: {Two}\n\n");
        Assert.Equal(2, events.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), events[1].ReconnectionInterval);
    }

    [Fact]
    public async Task A_final_event_without_a_trailing_blank_line_is_still_delivered()
    {
        var events = await Read($"data: {One}\n\n", $"data: {Two}");
        Assert.Equal(new[] { "Hel", "lo" }, events.ConvertAll(e => e.Data.Data!));
    }

    [Fact]
    public async Task An_event_with_Success_false_ends_the_stream_with_a_DmsException_after_the_events_before_it()
    {
        var received = new List<string?>();
        var error = await Assert.ThrowsAsync<DmsException>(() => Read(received, new[] { $"data: {One}\n\n", """data: {"RequestId":"r9","Success":false,"ErrorCode":"QuotaExceeded","ErrorMessage":"no more tokens"}""" + "\n\n", $"data: {Two}\n\n" }));
        Assert.Equal(new[] { "Hel" }, received);
        Assert.Equal("QuotaExceeded", error.Code);
        Assert.Equal("r9", error.RequestId);
        Assert.Equal("no more tokens", error.ServiceMessage);
    }

    [Fact]
    public async Task Data_that_is_not_the_response_shape_is_a_DmsException()
    {
        var error = await Assert.ThrowsAsync<DmsException>(() => Read("data: [DONE]\n\n"));
        Assert.Equal("InvalidResponse", error.Code);
    }

    [Fact]
    public async Task An_event_beyond_the_size_limit_is_a_DmsException_while_many_small_events_are_not()
    {
        var big = "data: {\"Data\":\"" + new string('x', 5000) + "\"}\n\n";
        var error = await Assert.ThrowsAsync<DmsException>(() => Read(maxEventBytes: 4096, chunks: big));
        Assert.Equal("ResponseTooLarge", error.Code);

        var many = new string[200];
        Array.Fill(many, $"data: {One}\n\n");
        Assert.Equal(200, (await Read(maxEventBytes: 4096, chunks: many)).Count);
    }

    [Fact]
    public async Task Idle_time_between_events_beyond_the_timeout_is_a_DmsTimeoutException()
    {
        var time = new SteppingTime();
        var release = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            await LoopbackServer.Stream(context, $"data: {One}\n\n");
            await release.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        var received = new List<string?>();
        var reading = Read(server, received, 1 << 20, TimeSpan.FromSeconds(30), time);
        // The first read is served at once; the second waits for data: move the clock past its idle timer.
        await time.AdvancePastFirstTimerAfter(() => received.Count == 1);

        var error = await Assert.ThrowsAsync<DmsTimeoutException>(() => reading);
        Assert.Contains("30 s", error.Message);
        Assert.Equal(new[] { "Hel" }, received);
        release.SetResult();
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
        using var cancellation = new CancellationTokenSource();
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Endpoint, HttpCompletionOption.ResponseHeadersRead);
        var guard = new DmsEventStreamGuard(await response.Content.ReadAsStreamAsync(), 1 << 20, System.Threading.Timeout.InfiniteTimeSpan, TimeProvider.System);
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in DmsEventReader.ReadAsync<ChatWithDesensitizeSSEResponse>(guard, null, cancellation.Token))
            {
                cancellation.Cancel();
            }
        });
        Assert.Equal(cancellation.Token, error.CancellationToken);
        release.SetResult();
    }

    private static Task<List<DmsEvent<ChatWithDesensitizeSSEResponse>>> Read(params string[] chunks) => Read(new List<string?>(), chunks);

    private static Task<List<DmsEvent<ChatWithDesensitizeSSEResponse>>> Read(int maxEventBytes, params string[] chunks) => Read(new List<string?>(), chunks, maxEventBytes);

    private static async Task<List<DmsEvent<ChatWithDesensitizeSSEResponse>>> Read(List<string?> received, string[] chunks, int maxEventBytes = 1 << 20)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Stream(context, chunks));
        return await Read(server, received, maxEventBytes, System.Threading.Timeout.InfiniteTimeSpan, TimeProvider.System);
    }

    private static async Task<List<DmsEvent<ChatWithDesensitizeSSEResponse>>> Read(LoopbackServer server, List<string?> received, int maxEventBytes, TimeSpan idle, TimeProvider clock)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Endpoint, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<DmsEvent<ChatWithDesensitizeSSEResponse>>();
        await using var guard = new DmsEventStreamGuard(await response.Content.ReadAsStreamAsync(), maxEventBytes, idle, clock);
        try
        {
            await foreach (var item in DmsEventReader.ReadAsync<ChatWithDesensitizeSSEResponse>(guard, null, CancellationToken.None))
            {
                events.Add(item);
                received.Add(item.Data.Data);
            }
        }
        catch (DmsStreamFailure stream)
        {
            // What the stream call makes of a failure once it gives up: the exception the caller sees.
            throw stream.Failure.ToException("ChatWithDesensitizeSSE", 1);
        }

        return events;
    }
}
