using System;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Dms.Codegen.Http;

/// <summary>
/// One place that decides whether a response is an error and what it says, as data (a <see cref="DmsFailure"/>),
/// never as an exception: HTTP error statuses with Alibaba's error body, and DMS's envelope judged by the spec.
/// Where the operation's response declares <c>Success</c>, anything but JSON <c>true</c> is an error (a missing
/// <c>Success</c>, with or without a <c>Code</c>, too); an operation without <c>Success</c> is judged by its status
/// and a non-empty <c>Code</c>. A second top-level <c>Success</c> is never a success: the typed reader keeps the
/// last one, so a body whose first says true and whose last says false would pass as a success read as a failure.
/// A 1xx or 3xx status is never an answer (redirects are not followed: a signed request goes to its endpoint only).
/// The body must already be valid UTF-8 (the call checks that once).
/// </summary>
internal static class DmsResponseClassifier
{
    /// <summary>Bodies longer than this are kept only in part (as <see cref="DmsException.RawBody"/>).</summary>
    public const int RawBodyChars = 64 * 1024;

    /// <summary>Identifiers (code, request id, host id) longer than this are cut.</summary>
    public const int IdChars = 256;

    /// <summary>The error the response carries, or null for a success.</summary>
    public static DmsFailure? Classify(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestIdHeader, bool declaresSuccess)
    {
        var code = (int)status;
        var answered = code is >= 200 and < 300;
        if (answered && declaresSuccess && SaysSuccess(body))
        {
            return null;
        }

        var fields = ReadEnvelope(body, out var isJson);
        var requestId = fields.RequestId ?? requestIdHeader;
        if (fields.Undecodable)
        {
            // Like invalid UTF-8: what the error says cannot be read, so it is not taken as the service's word.
            return Failure(DmsFailureKind.InvalidResponse, DmsErrorCodes.InvalidResponse, default, $"HTTP {code} with an envelope field or member name that holds an escaped lone surrogate (\\uD800-\\uDFFF), which is not text", status, requestId, body, showBody: true);
        }

        if (code >= 400)
        {
            var description = isJson
                ? $"{fields.Code ?? "HTTP " + code}: {fields.Message ?? "(no message)"} (HTTP {code}, RequestId {requestId ?? "none"})"
                : $"HTTP {code} with a body that is not JSON";
            return Failure(isJson ? DmsFailureKind.Service : DmsFailureKind.InvalidResponse, isJson ? fields.Code : DmsErrorCodes.InvalidResponse, fields, description, status, requestId, body, showBody: !isJson);
        }

        if (!answered)
        {
            return Failure(DmsFailureKind.InvalidResponse, DmsErrorCodes.InvalidResponse, fields, $"HTTP {code}, which is not an answer (the client follows no redirects: a signed request goes to its endpoint only)", status, requestId, body, showBody: true);
        }

        if (!isJson)
        {
            return Failure(DmsFailureKind.InvalidResponse, DmsErrorCodes.InvalidResponse, default, $"HTTP {code} with a body that is not a JSON object", status, requestId, body, showBody: true);
        }

        // An empty ErrorCode ("ErrorCode":"") is what DMS sends beside a success; it is no code.
        var hasCode = !string.IsNullOrEmpty(fields.Code);
        var unsuccessful = declaresSuccess ? fields.Success is not SuccessValue.True : hasCode;
        if (!unsuccessful)
        {
            return null;
        }

        var success = fields.Success switch
        {
            SuccessValue.Absent => "no Success",
            SuccessValue.False => "Success false",
            SuccessValue.Twice => "Success sent twice",
            _ => "Success not true",
        };
        var errorCode = hasCode ? fields.Code! : DmsErrorCodes.Unsuccessful;
        var message = string.IsNullOrEmpty(fields.Message) ? null : fields.Message;
        return Failure(DmsFailureKind.Service, errorCode, fields, $"{errorCode}: {message ?? "(no message)"} (HTTP {code}, {success}, RequestId {requestId ?? "none"})", status, requestId, body, showBody: !hasCode && message is null);
    }

    /// <summary>A failure for a body that could not be read at all (invalid UTF-8, compressed data, size).</summary>
    public static DmsFailure Unreadable(string code, string description, HttpStatusCode status, string? requestId, ReadOnlySpan<byte> body, Exception? inner) =>
        new DmsFailure(code == DmsErrorCodes.ResponseTooLarge ? DmsFailureKind.TooLarge : DmsFailureKind.InvalidResponse, code, $"{description}; HTTP {(int)status}")
        {
            Status = status,
            RawBody = BodyText(body, out var truncated),
            RawBytes = BodyBytes(body),
            RawBodyTruncated = truncated,
            ShowBody = true,
            Inner = inner,
        }.WithIds(requestId);

    /// <summary>The top-level RequestId as sent, for a success's log line and span or a body that cannot be read otherwise (null when it cannot be had).</summary>
    public static string? ReadRequestId(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            while (NextTopLevel(ref reader, "RequestId"u8))
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a RequestId that is not valid UTF-8.
        }

        return null;
    }

    /// <summary>The start of the body as text (valid UTF-8 or not), for RawBody.</summary>
    public static string BodyText(ReadOnlySpan<byte> body, out bool truncated)
    {
        // Whole characters of UTF-8 take up to 4 bytes, but DMS bodies are nearly all ASCII; a little more than
        // the limit is decoded so that redaction sees any secret that straddles it.
        var take = RawBodyChars + 1024;
        truncated = body.Length > take;
        return body.IsEmpty ? "(empty)" : Encoding.UTF8.GetString(truncated ? body[..take] : body);
    }

    /// <summary>The same start of the body as <see cref="BodyText"/>, as bytes.</summary>
    public static byte[] BodyBytes(ReadOnlySpan<byte> body) => body[..Math.Min(body.Length, RawBodyChars + 1024)].ToArray();

    private static DmsFailure Failure(DmsFailureKind kind, string? code, Envelope fields, string description, HttpStatusCode status, string? requestId, ReadOnlySpan<byte> body, bool showBody) =>
        new DmsFailure(kind, code, description)
        {
            Status = status,
            Recommend = fields.Recommend,
            ServiceMessage = fields.Message,
            RawBody = BodyText(body, out var truncated),
            RawBytes = BodyBytes(body),
            RawBodyTruncated = truncated,
            ShowBody = showBody,
        }.WithIds(requestId, fields.HostId);

    /// <summary>
    /// The common case first: one top-level <c>"Success": true</c> found by names alone, materialising no value (the
    /// full scan below decides the same, only later), and the rest walked only if it could name Success again.
    /// False on anything else, a second <c>Success</c> and malformed JSON included.
    /// </summary>
    private static bool SaysSuccess(ReadOnlySpan<byte> body)
    {
        var success = false;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (NextTopLevel(ref reader, "Success"u8))
            {
                if (success || reader.TokenType != JsonTokenType.True)
                {
                    return false;
                }

                success = true;
                if (!MayNameSuccessAgain(body[(int)reader.BytesConsumed..]))
                {
                    return true; // the rest cannot hold another Success: no need to walk it (the typed reader will)
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // The full scan reports it (InvalidOperationException: a member name holds an escaped lone surrogate).
            return false;
        }

        return success;
    }

    /// <summary>
    /// Whether <paramref name="rest"/> could name a member <c>Success</c>: spelt out, or through an escape (any
    /// backslash). One vectorised search instead of a walk of every token of a large answer.
    /// </summary>
    private static bool MayNameSuccessAgain(ReadOnlySpan<byte> rest) =>
        rest.IndexOf("\"Success\""u8) >= 0 || rest.IndexOf((byte)'\\') >= 0;

    /// <summary>
    /// Moves a reader over a top-level JSON object to the value of its next member called <paramref name="name"/>:
    /// from the start of the body on the first call, from the value found on each later one. False at the end,
    /// or when the body is not an object.
    /// </summary>
    private static bool NextTopLevel(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.TokenType == JsonTokenType.None)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
        }
        else
        {
            reader.Skip();
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>An id of a success, for its log line and span, cut to <see cref="IdChars"/> (a failure's ids are cut when redacted).</summary>
    public static string? CutId(string? id) => id is { Length: > IdChars } ? id[..IdChars] + "…" : id;

    /// <summary>
    /// Scans the top level of the body once (no document is built): Alibaba's gateway fields <c>Code</c>,
    /// <c>Message</c>, <c>RequestId</c>, <c>HostId</c>, <c>Recommend</c>, and DMS's <c>Success</c>,
    /// <c>ErrorCode</c>, <c>ErrorMessage</c>. Names are matched on the UTF-8 bytes and only those values are
    /// materialised.
    /// </summary>
    private static Envelope ReadEnvelope(ReadOnlySpan<byte> body, out bool isJsonObject)
    {
        var fields = default(Envelope);
        isJsonObject = false;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return fields;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Field(ref reader);
                reader.Read();
                switch (field)
                {
                    case Known.Code: fields.Code ??= Text(ref reader, ref fields); break;
                    case Known.Message: fields.Message ??= Text(ref reader, ref fields); break;
                    case Known.RequestId: fields.RequestId = Text(ref reader, ref fields); break;
                    case Known.HostId: fields.HostId = Text(ref reader, ref fields); break;
                    case Known.Recommend: fields.Recommend = Text(ref reader, ref fields); break;
                    case Known.Success:
                        fields.Success = reader.TokenType switch
                        {
                            _ when fields.Success != SuccessValue.Absent => SuccessValue.Twice,
                            JsonTokenType.True => SuccessValue.True,
                            JsonTokenType.False => SuccessValue.False,
                            _ => SuccessValue.Other,
                        };
                        break;
                }

                reader.Skip();
            }

            isJsonObject = reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            isJsonObject = false;
        }
        catch (InvalidOperationException)
        {
            // A member name that holds an escaped lone surrogate, which ValueTextEquals cannot compare.
            fields.Undecodable = true;
        }

        return fields;
    }

    private static Known Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("RequestId"u8) || reader.ValueTextEquals("requestId"u8) ? Known.RequestId
        : reader.ValueTextEquals("Success"u8) ? Known.Success
        : reader.ValueTextEquals("Code"u8) || reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("ErrorCode"u8) ? Known.Code
        : reader.ValueTextEquals("Message"u8) || reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("ErrorMessage"u8) ? Known.Message
        : reader.ValueTextEquals("HostId"u8) ? Known.HostId
        : reader.ValueTextEquals("Recommend"u8) ? Known.Recommend
        : Known.None;

    private static string? Text(ref Utf8JsonReader reader, ref Envelope fields)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }

        try
        {
            return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            // Valid JSON, but an escaped lone surrogate ("\ud800"), which GetString refuses to decode.
            fields.Undecodable = true;
            return null;
        }
    }

    private enum Known
    {
        None,
        Code,
        Message,
        RequestId,
        HostId,
        Recommend,
        Success,
    }

    private enum SuccessValue
    {
        Absent,
        True,
        False,
        Other,
        Twice,
    }

    private struct Envelope
    {
        public string? Code;
        public string? Message;
        public string? RequestId;
        public string? HostId;
        public string? Recommend;
        public SuccessValue Success;
        public bool Undecodable; // a field held an escaped lone surrogate
    }
}
