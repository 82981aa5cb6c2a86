using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.EndToEnd;
using Dms.Codegen.Streaming;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>The two SSE operations answer with a stream of events that the generated <c>StreamAsync</c> reads one by one.</summary>
public sealed class StreamTests
{
    [Fact]
    public async Task ChatWithDesensitizeSSE_streams_several_events_of_its_response()
    {
        await using var emulator = await Emulators.StartAsync();
        var client = Emulators.Client(emulator);
        var events = new List<DmsEvent<ChatWithDesensitizeSSEResponse>>();

        await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
        {
            events.Add(item);
        }

        Assert.Equal(OperationHandlers.StreamEvents, events.Count);
        Assert.All(events, e => Assert.True(e.Data.Success));
        Assert.All(events, e => Assert.Equal("message", e.EventType));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Single(events.Select(e => e.Data.RequestId).Distinct());
    }

    [Fact]
    public async Task GetAIOrderApprovalCommentSSE_streams_its_output_as_text_event_stream()
    {
        await using var emulator = await Emulators.StartAsync();
        var client = Emulators.Client(emulator);
        var count = 0;

        await foreach (var item in client.GetAIOrderApprovalCommentSSEStreamAsync(new() { OrderId = Emulators.ExportId }))
        {
            Assert.NotNull(item.Data.Output!.Content);
            count++;
        }

        using var http = new HttpClient();
        var raw = await RawAnswer.SendAsync(http, new RawRequest("GetAIOrderApprovalCommentSSE").V3(emulator.Endpoint));
        Assert.Equal(OperationHandlers.StreamEvents, count);
        Assert.Equal("text/event-stream", raw.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(OperationHandlers.StreamEvents, raw.Body.Split("\n\n", System.StringSplitOptions.RemoveEmptyEntries).Count(e => e.Contains("data: {", System.StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Each_event_carries_its_own_part_of_the_streamed_text()
    {
        await using var emulator = await Emulators.StartAsync();
        var client = Emulators.Client(emulator);
        var chat = new List<string?>();
        var comment = new List<string?>();

        await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
        {
            chat.Add(item.Data.Data);
        }

        await foreach (var item in client.GetAIOrderApprovalCommentSSEStreamAsync(new() { OrderId = Emulators.ExportId }))
        {
            comment.Add(item.Data.Output!.Content);
        }

        var parts = Enumerable.Range(1, OperationHandlers.StreamEvents).Select(n => (string?)OperationHandlers.StreamPart(n)).ToList();
        Assert.Equal(parts, chat);
        Assert.Equal(parts, comment);
        Assert.Equal(parts.Count, parts.Distinct().Count());
    }

    [Fact]
    public async Task A_stream_cut_after_its_first_event_fails_the_reader_after_that_event()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.StreamCut, Events: 1));
        var client = Emulators.Client(emulator);
        var received = new List<string?>();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
            {
                received.Add(item.Data.Data);
            }
        });

        Assert.IsAssignableFrom<DmsException>(error);
        Assert.Equal(new string?[] { OperationHandlers.StreamPart(1) }, received);
        Assert.Equal(0, emulator.Faults.Pending(DmsEmulatorOptions.DefaultAccessKeyId));

        // The next call is whole again.
        var again = new List<string?>();
        await foreach (var item in client.ChatWithDesensitizeSSEStreamAsync(new() { InstanceId = 1 }))
        {
            again.Add(item.Data.Data);
        }

        Assert.Equal(OperationHandlers.StreamEvents, again.Count);
    }

    [Fact]
    public async Task The_cut_fault_on_an_operation_that_does_not_stream_is_refused()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var answer = await RawAnswer.SendAsync(http, new RawRequest("GetUserActiveTenant").WithFault("cut=1").V3(emulator.Endpoint));

        answer.AssertError(HttpStatusCode.BadRequest, "InvalidParameter.EmulatorFault");
        Assert.True(EmulatorFault.TryParse("cut=2", out var fault));
        Assert.Equal(new EmulatorFault(EmulatorFaultKind.StreamCut, Events: 2), fault);
        Assert.False(EmulatorFault.TryParse("cut=-1", out _));
    }
}
