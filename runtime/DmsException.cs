using System;
using System.Net;

namespace Dms.Codegen;

/// <summary>
/// DMS answered with an error (an HTTP error status, or HTTP 200 with <c>"Success": false</c>), with a body
/// that could not be read, or could not be reached. Carries everything the service said; never a secret.
/// </summary>
public class DmsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DmsException(string message, string? code = null, string? requestId = null, HttpStatusCode? statusCode = null, string? rawBody = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        RequestId = requestId;
        StatusCode = statusCode;
        RawBody = rawBody;
    }

    /// <summary>The error code, such as <c>Throttling.User</c> or <c>InvalidParameter</c>; null when DMS sent none.</summary>
    public string? Code { get; }

    /// <summary>The request id DMS gave the failed call, for support tickets.</summary>
    public string? RequestId { get; }

    /// <summary>The gateway's host id, when sent.</summary>
    public string? HostId { get; init; }

    /// <summary>Alibaba's troubleshooting link, when sent.</summary>
    public string? Recommend { get; init; }

    /// <summary>The service's own message, without the code and ids that <see cref="Exception.Message"/> adds.</summary>
    public string? ServiceMessage { get; init; }

    /// <summary>The HTTP status; null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The response body as received (for a body that could not be read, its start).</summary>
    public string? RawBody { get; }

    /// <summary>
    /// The start of the response body as bytes, exactly as received (at most 64 KiB, with any secret masked), so a
    /// body that is not valid UTF-8 can still be inspected; empty when no body was read.
    /// </summary>
    public ReadOnlyMemory<byte> RawBodyBytes { get; init; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>A call ran out of time: an attempt or the whole call exceeded its timeout. The caller's own cancellation is an <see cref="OperationCanceledException"/> instead.</summary>
public sealed class DmsTimeoutException : DmsException
{
    /// <summary>Creates the exception.</summary>
    public DmsTimeoutException(string message, Exception? innerException = null)
        : base(message, "Timeout", innerException: innerException)
    {
    }
}
