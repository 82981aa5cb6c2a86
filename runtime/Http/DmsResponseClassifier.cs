using System;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Dms.Codegen.Http;

/// <summary>
/// One place that decides whether a response is an error and what it says: HTTP error statuses with
/// Alibaba's error body, HTTP 200 with DMS's <c>"Success": false</c> envelope, and bodies that are not JSON.
/// </summary>
public static class DmsResponseClassifier
{
    private const int BodyPreviewLength = 512;

    /// <summary>The error the response carries, or null for a success.</summary>
    public static DmsException? GetError(HttpStatusCode status, ReadOnlySpan<byte> body, string? requestIdHeader)
    {
        var code = (int)status;
        var error = ReadErrorFields(body, stopAtSuccess: code < 400, out var isJson);
        if (code >= 400)
        {
            var requestId = error.RequestId ?? requestIdHeader;
            var message = isJson
                ? $"{error.Code ?? "HTTP " + code}: {error.Message ?? "(no message)"} (HTTP {code}, RequestId {requestId ?? "none"})"
                : $"HTTP {code} with a body that is not JSON: {Preview(body)}";
            return new DmsException(message, error.Code, requestId, status, Preview(body, int.MaxValue))
            {
                HostId = error.HostId,
                Recommend = error.Recommend,
                ServiceMessage = error.Message,
            };
        }

        if (!isJson)
        {
            return new DmsException($"HTTP {code} with a body that is not a JSON object: {Preview(body)}", "InvalidResponse", requestIdHeader, status, Preview(body, int.MaxValue));
        }

        if (error.Success == false)
        {
            var requestId = error.RequestId ?? requestIdHeader;
            return new DmsException($"{error.Code ?? "Unsuccessful"}: {error.Message ?? "(no message)"} (HTTP {code}, Success false, RequestId {requestId ?? "none"})", error.Code, requestId, status, Preview(body, int.MaxValue))
            {
                ServiceMessage = error.Message,
            };
        }

        return null;
    }

    /// <summary>The start of a body as text, for messages about bodies that could not be read.</summary>
    public static string Preview(ReadOnlySpan<byte> body, int length = BodyPreviewLength)
    {
        if (body.IsEmpty)
        {
            return "(empty)";
        }

        var text = Encoding.UTF8.GetString(body.Length > length ? body[..length] : body);
        return body.Length > length ? text + "…" : text;
    }

    /// <summary>
    /// Scans the top level of the body once (no document is built): Alibaba's gateway fields <c>Code</c>,
    /// <c>Message</c>, <c>RequestId</c>, <c>HostId</c>, <c>Recommend</c>, and DMS's <c>Success</c>,
    /// <c>ErrorCode</c>, <c>ErrorMessage</c>. Names are matched on the UTF-8 bytes and only those values are
    /// materialised; for a 2xx, <c>"Success": true</c> ends the scan (the typed reader checks the rest).
    /// </summary>
    private static ErrorFields ReadErrorFields(ReadOnlySpan<byte> body, bool stopAtSuccess, out bool isJsonObject)
    {
        var fields = default(ErrorFields);
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
                    case Known.Code: fields.Code ??= Text(ref reader); break;
                    case Known.Message: fields.Message ??= Text(ref reader); break;
                    case Known.RequestId: fields.RequestId = Text(ref reader); break;
                    case Known.HostId: fields.HostId = Text(ref reader); break;
                    case Known.Recommend: fields.Recommend = Text(ref reader); break;
                    case Known.Success:
                        fields.Success = reader.TokenType switch
                        {
                            JsonTokenType.True => true,
                            JsonTokenType.False => false,
                            JsonTokenType.String when reader.ValueTextEquals("false"u8) => false,
                            JsonTokenType.String when reader.ValueTextEquals("true"u8) => true,
                            _ => null,
                        };
                        if (stopAtSuccess && fields.Success == true)
                        {
                            isJsonObject = true;
                            return fields;
                        }

                        break;
                }

                reader.Skip();
            }

            isJsonObject = reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            isJsonObject = false;
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

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => null,
    };

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

    private struct ErrorFields
    {
        public string? Code;
        public string? Message;
        public string? RequestId;
        public string? HostId;
        public string? Recommend;
        public bool? Success;
    }
}
