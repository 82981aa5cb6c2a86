using System;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator;

/// <summary>An error in Alibaba Cloud's gateway shape: <c>{"RequestId","HostId","Code","Message","Recommend"}</c>.</summary>
internal sealed record AlibabaError(HttpStatusCode Status, string Code, string Message)
{
    /// <summary>When set, sent as <c>x-acs-retry-after</c> (ms) and <c>Retry-After</c> (s, rounded up), as Alibaba's throttling does.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// True for DMS's own errors (a call in the wrong state, an unknown ticket): HTTP 200 with
    /// <c>{"RequestId","Success":false,"ErrorCode","ErrorMessage"}</c>, as DMS answers them, rather than the gateway's shape.
    /// </summary>
    public bool Business { get; init; }

    /// <summary>A DMS business error (see <see cref="Business"/>).</summary>
    public static AlibabaError Dms(string code, string message) => new(HttpStatusCode.OK, code, message) { Business = true };

    public static AlibabaError Throttled(TimeSpan retryAfter, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(status, "Throttling.User", "Request was denied due to user flow control.") { RetryAfter = retryAfter };

    /// <summary>The nonce cache is full of nonces that could still be replayed: the emulator refuses rather than forget one.</summary>
    public static AlibabaError NonceCacheFull(TimeSpan retryAfter) =>
        new(HttpStatusCode.ServiceUnavailable, "Throttling", "Request was denied due to request throttling: the emulator remembers as many signature nonces as it may, until the oldest leave the time window.") { RetryAfter = retryAfter };

    public static AlibabaError IncompleteSignature(string detail) => new(HttpStatusCode.BadRequest, "IncompleteSignature", "The request signature does not conform to Aliyun standards. " + detail);

    public static AlibabaError SignatureDoesNotMatch(string serverStringToSign) =>
        new(HttpStatusCode.BadRequest, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + serverStringToSign);

    public static AlibabaError AccessKeyNotFound() => new(HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");

    public static AlibabaError MissingSecurityToken() => new(HttpStatusCode.BadRequest, "MissingSecurityToken", "SecurityToken is mandatory for this access key.");

    public static AlibabaError SecurityTokenMismatch() => new(HttpStatusCode.BadRequest, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");

    public static AlibabaError SecurityTokenExpired() => new(HttpStatusCode.BadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");

    public static AlibabaError TimestampExpired(string value) => new(HttpStatusCode.BadRequest, "InvalidTimeStamp.Expired", $"Specified time stamp or date value is expired: {value}.");

    public static AlibabaError TimestampFormat(string value) => new(HttpStatusCode.BadRequest, "InvalidTimeStamp.Format", $"Specified time stamp or date value is not well formatted: {value}.");

    public static AlibabaError NonceUsed() => new(HttpStatusCode.BadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.");

    public static AlibabaError MissingParameter(string name) => new(HttpStatusCode.BadRequest, "MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    public static AlibabaError InvalidParameter(string name, string detail) => new(HttpStatusCode.BadRequest, "InvalidParameter", $"The specified parameter \"{name}\" is not valid: {detail}.");

    public static AlibabaError UnknownAction(string action) => new(HttpStatusCode.NotFound, "InvalidAction.NotFound", $"Specified api \"{action}\" is not found, please check your url and method.");

    public static AlibabaError InvalidVersion(string version) => new(HttpStatusCode.BadRequest, "InvalidVersion", $"Specified parameter Version \"{version}\" is not valid.");

    public static AlibabaError InternalError() => new(HttpStatusCode.InternalServerError, "InternalError", "The request processing has failed due to some unknown error, exception or failure.");

    /// <summary>A fault header word the emulator does not know (not an Alibaba code: the emulator's own).</summary>
    public static AlibabaError UnknownFault(string word) =>
        new(HttpStatusCode.BadRequest, "InvalidParameter.EmulatorFault", $"The {DmsEmulator.FaultHeader} header has an unknown fault \"{word}\"; expected throttle, throttle=STATUS, 5xx, 503, 500, latency=MS, drop, malformed, unknown-enum or cut=K.");

    /// <summary>The <c>cut=K</c> fault asked of an operation that does not stream: it would silently do nothing.</summary>
    public static AlibabaError CutWithoutStream(string action) =>
        new(HttpStatusCode.BadRequest, "InvalidParameter.EmulatorFault", $"The fault cut=K cuts an event stream, and {action} does not stream.");

    /// <summary>Writes the error with a fresh request id.</summary>
    public Task WriteAsync(HttpContext context)
    {
        context.Items[typeof(AlibabaError)] = this; // for the request log line
        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        context.Response.StatusCode = (int)Status;
        if (RetryAfter is { } wait)
        {
            var ms = (long)Math.Ceiling(wait.TotalMilliseconds);
            context.Response.Headers["x-acs-retry-after"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(ms / 1000.0)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Hosting.JsonAnswer.WriteAsync(context, JsonSerializerWrite(requestId, context.Request.Host.Host), requestId);
    }

    private string JsonSerializerWrite(string requestId, string host)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("RequestId", requestId);
            if (Business)
            {
                writer.WriteBoolean("Success", false);
                writer.WriteString("ErrorCode", Code);
                writer.WriteString("ErrorMessage", Message);
                writer.WriteEndObject();
                writer.Flush();
                return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }

            writer.WriteString("HostId", host);
            writer.WriteString("Code", Code);
            writer.WriteString("Message", Message);
            writer.WriteString("Recommend", $"https://api.aliyun.com/troubleshoot?q={Uri.EscapeDataString(Code)}&product=dms-enterprise&requestId={requestId}");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
