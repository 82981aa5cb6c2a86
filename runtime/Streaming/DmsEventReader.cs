using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Json;

namespace Dms.Codegen.Streaming;

/// <summary>
/// Reads a DMS event stream (WHATWG server-sent events, parsed by System.Net.ServerSentEvents: CR, LF and CRLF
/// line endings, multi-line data joined with LF, comments and keep-alives skipped) as typed events. Each event's
/// data is the operation's response envelope: one whose <c>Success</c> is false ends the stream with its
/// <see cref="DmsException"/>, and data that is not the response's shape is a <see cref="DmsException"/> too.
/// </summary>
internal static class DmsEventReader
{
    public static async IAsyncEnumerable<DmsEvent<T>> ReadAsync<T>(DmsEventStreamGuard body, string action, string? requestIdHeader, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IDmsJsonModel<T>
    {
        var parser = SseParser.Create(body, (eventType, data) => Parse<T>(action, requestIdHeader, data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var (value, error) = item.Data;
            if (error is not null)
            {
                throw error;
            }

            yield return new DmsEvent<T>(value!, item.EventType, item.EventId, item.ReconnectionInterval);
        }
    }

    /// <summary>One event's data as <typeparamref name="T"/>, or the error it carries; never throws.</summary>
    internal static (T? Value, DmsException? Error) Parse<T>(string action, string? requestIdHeader, ReadOnlySpan<byte> data)
        where T : IDmsJsonModel<T>
    {
        if (!System.Text.Unicode.Utf8.IsValid(data))
        {
            return (default, DmsResponseClassifier.Unreadable(DmsErrorCodes.InvalidResponse, "an event's data is not valid UTF-8", HttpStatusCode.OK, requestIdHeader, data, null).ToException(action, 1));
        }

        if (DmsResponseClassifier.Classify(HttpStatusCode.OK, data, requestIdHeader, declaresSuccess: true) is { } failure)
        {
            return (default, failure.ToException(action, 1));
        }

        try
        {
            return (DmsJson.Deserialize<T>(data), null);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or NotSupportedException or KeyNotFoundException)
        {
            var preview = DmsStreamText.Preview(data);
            return (default, new DmsException($"An event of DMS {action} does not have the shape the spec describes ({exception.Message}): {preview}", "InvalidResponse", requestIdHeader, HttpStatusCode.OK, preview, exception));
        }
    }
}
