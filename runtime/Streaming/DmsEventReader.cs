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
/// data is the operation's response envelope: one whose <c>Success</c> is false ends the stream with its failure,
/// and data that is not the response's shape is a failure too (thrown as a <see cref="DmsStreamFailure"/>).
/// </summary>
internal static class DmsEventReader
{
    /// <param name="body">The guarded body.</param>
    /// <param name="requestIdHeader">The response's request id header.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async IAsyncEnumerable<DmsEvent<T>> ReadAsync<T>(DmsEventStreamGuard body, string? requestIdHeader, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IDmsJsonModel<T>
    {
        var parser = SseParser.Create(body, (eventType, data) => Parse<T>(requestIdHeader, data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var (value, error) = item.Data;
            if (error is not null)
            {
                throw new DmsStreamFailure(error);
            }

            yield return new DmsEvent<T>(value!, item.EventType, item.EventId, item.ReconnectionInterval);
        }
    }

    /// <summary>One event's data as <typeparamref name="T"/>, or the failure it carries (the call masks it); never throws.</summary>
    internal static (T? Value, DmsFailure? Error) Parse<T>(string? requestIdHeader, ReadOnlySpan<byte> data)
        where T : IDmsJsonModel<T>
    {
        var failure = !System.Text.Unicode.Utf8.IsValid(data)
            ? DmsResponseClassifier.Unreadable(DmsErrorCodes.InvalidResponse, "an event's data is not valid UTF-8", HttpStatusCode.OK, requestIdHeader, data, null)
            : DmsResponseClassifier.Classify(HttpStatusCode.OK, data, requestIdHeader, declaresSuccess: true);
        if (failure is null)
        {
            try
            {
                return (DmsJson.Deserialize<T>(data), null);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or NotSupportedException or KeyNotFoundException)
            {
                failure = DmsResponseClassifier.Unreadable(DmsErrorCodes.InvalidResponse, $"an event does not have the shape the spec describes ({exception.Message})", HttpStatusCode.OK, requestIdHeader, data, exception);
            }
        }

        return (default, failure);
    }
}
