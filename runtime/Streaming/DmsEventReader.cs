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
    /// <param name="body">The guarded body.</param>
    /// <param name="action">The operation.</param>
    /// <param name="requestIdHeader">The response's request id header.</param>
    /// <param name="forms">The call's secrets, masked in an error before it is cut.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async IAsyncEnumerable<DmsEvent<T>> ReadAsync<T>(DmsEventStreamGuard body, string action, string? requestIdHeader, DmsRedaction.SecretForms forms, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IDmsJsonModel<T>
    {
        var parser = SseParser.Create(body, (eventType, data) => Parse<T>(action, requestIdHeader, data, forms));
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

    /// <summary>One event's data as <typeparamref name="T"/>, or the error it carries (masked, then bounded); never throws.</summary>
    internal static (T? Value, DmsException? Error) Parse<T>(string action, string? requestIdHeader, ReadOnlySpan<byte> data, DmsRedaction.SecretForms forms)
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

        failure.Redact(forms);
        return (default, failure.ToException(action, 1));
    }
}
