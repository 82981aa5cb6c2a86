using System.Collections.Generic;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>
/// Writes an answer as server-sent events (<c>text/event-stream</c>), as DMS answers its SSE operations: each
/// event's <c>data</c> is one response JSON (the answer's text in parts), with <c>id</c> and <c>event</c> fields,
/// and each event is flushed as it is written, so a client sees them one by one. The stream ends when the
/// connection closes, or, with the <c>cut=K</c> fault, breaks off inside the event after the K-th.
/// </summary>
internal static class EventStreamAnswer
{
    public const string ContentType = "text/event-stream";

    /// <summary>The <c>event:</c> name of each event (DMS documents none; the Go client keeps it as <c>Event</c>).</summary>
    public const string EventName = "message";

    public static async Task WriteAsync(HttpContext context, IReadOnlyList<string> events, string requestId, int? cutAfter)
    {
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["x-acs-request-id"] = requestId;
        await context.Response.StartAsync(context.RequestAborted);
        for (var i = 1; i <= events.Count; i++)
        {
            if (cutAfter is { } cut && i > cut)
            {
                break;
            }

            var item = new SseItem<string>(events[i - 1], EventName) { EventId = requestId + "-" + i.ToString(CultureInfo.InvariantCulture) };
            await SseFormatter.WriteAsync(One(item), context.Response.Body, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        if (cutAfter is not null)
        {
            // The stream breaks off in the middle of the next event's JSON and ends there. (Aborting the connection
            // instead may drop the events already flushed but not yet sent, so the client would see no event at all.)
            await context.Response.WriteAsync("data: {\"RequestId\":\"" + requestId + "\",\"Succ", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> One(SseItem<string> item)
    {
        await Task.CompletedTask;
        yield return item;
    }
}
