using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
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
}
