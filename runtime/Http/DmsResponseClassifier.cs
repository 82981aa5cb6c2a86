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
        var error = ReadErrorFields(body, out var isJson);
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
    /// <c>ErrorCode</c>, <c>ErrorMessage</c>.
    /// </summary>
    private static ErrorFields ReadErrorFields(ReadOnlySpan<byte> body, out bool isJsonObject)
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
                var name = reader.GetString();
                reader.Read();
                string? text = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                switch (name)
                {
                    case "Code" or "code" or "ErrorCode": fields.Code ??= text; break;
                    case "Message" or "message" or "ErrorMessage": fields.Message ??= text; break;
                    case "RequestId" or "requestId": fields.RequestId = text; break;
                    case "HostId": fields.HostId = text; break;
                    case "Recommend": fields.Recommend = text; break;
                    case "Success": fields.Success = reader.TokenType == JsonTokenType.True ? true : reader.TokenType == JsonTokenType.False ? false : text is "false" ? false : null; break;
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
