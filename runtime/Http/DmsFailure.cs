using System;
using System.Net;
using System.Net.Http;

namespace Dms.Codegen.Http;

/// <summary>What kind of failure an attempt ended in; the retry policy decides on this, never on message text.</summary>
internal enum DmsFailureKind
{
    /// <summary>DMS answered with an error: an HTTP error status or an unsuccessful envelope.</summary>
    Service,

    /// <summary>The body could not be read (not JSON, invalid UTF-8 or compressed data, truncated, wrong shape).</summary>
    InvalidResponse,

    /// <summary>The body is larger than the limit.</summary>
    TooLarge,

    /// <summary>No response: the connection failed or broke.</summary>
    Transport,

    /// <summary>No response: a TLS or certificate failure, which does not heal by itself.</summary>
    SecureTransport,

    /// <summary>The attempt timeout passed.</summary>
    AttemptTimeout,

    /// <summary>The overall timeout passed: the call ends.</summary>
    OverallTimeout,
}

/// <summary>
/// One failed attempt, as data: the classifier and the call fill it, <see cref="Redact"/> masks secrets in its
/// strings and bounds them, the retry policy reads it, and only when the call gives up is it turned, once, into
/// the exception the caller sees.
/// </summary>
internal sealed class DmsFailure
{
    /// <summary>How much of the body an exception message shows.</summary>
    public const int PreviewChars = 512;

    /// <summary>How much of a service message or link is kept.</summary>
    public const int TextChars = 4096;

    public DmsFailure(DmsFailureKind kind, string? code, string description)
    {
        Kind = kind;
        Code = code;
        Description = description;
    }

    public DmsFailureKind Kind { get; }

    /// <summary>DMS's code, or one of <see cref="DmsErrorCodes"/>; null when DMS sent an error without one.</summary>
    public string? Code { get; private set; }

    /// <summary>What went wrong, for the exception message (without the action and the body).</summary>
    public string Description { get; private set; }

    public HttpStatusCode? Status { get; init; }

    /// <summary>As the server sent it until <see cref="Redact"/> masks and bounds it, like every id here.</summary>
    public string? RequestId { get; private set; }

    public string? HostId { get; private set; }

    public string? ServiceMessage { get; set; }

    public string? Recommend { get; set; }

    public string? RawBody { get; set; }

    /// <summary>The start of the body as bytes (a little over the bound, so masking sees a secret that straddles it).</summary>
    public byte[]? RawBytes { get; set; }

    /// <summary>Whether <see cref="RawBody"/> is only the start of the body.</summary>
    public bool RawBodyTruncated { get; init; }

    /// <summary>Whether the exception message quotes the start of the body (when the body says nothing better).</summary>
    public bool ShowBody { get; init; }

    public Exception? Inner { get; init; }

    /// <summary>The server's <c>x-acs-retry-after</c> or <c>Retry-After</c>, if it sent one.</summary>
    public TimeSpan? ServerDelay { get; set; }

    private string? Preview { get; set; }

    private bool Redacted { get; set; }

    /// <summary>
    /// The transport failed (<see cref="HttpRequestException"/> or <see cref="System.IO.IOException"/>): a certificate
    /// or TLS failure will not heal by itself (<see cref="DmsFailureKind.SecureTransport"/>), anything else may.
    /// </summary>
    public static DmsFailure Unreachable(Uri endpoint, Exception exception)
    {
        var kind = exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } ? DmsFailureKind.SecureTransport : DmsFailureKind.Transport;
        return new DmsFailure(kind, DmsErrorCodes.TransportError, $"could not be reached at {endpoint.GetLeftPart(UriPartial.Authority)}: {exception.Message}") { Inner = exception };
    }

    /// <summary>A failure whose ids are what the server sent (they are bounded when redacted).</summary>
    public DmsFailure WithIds(string? requestId, string? hostId = null)
    {
        RequestId = requestId;
        HostId = hostId;
        return this;
    }

    /// <summary>Masks every form of the secrets in the strings that came from the server or the transport, then bounds them.</summary>
    public void Redact(DmsRedaction.SecretForms forms)
    {
        if (Redacted)
        {
            return; // bounding twice would cut twice
        }

        Description = DmsRedaction.Bounded(Description, TextChars, forms)!;
        ServiceMessage = DmsRedaction.Bounded(ServiceMessage, TextChars, forms);
        Recommend = DmsRedaction.Bounded(Recommend, TextChars, forms);
        RawBody = DmsRedaction.Bounded(RawBody, DmsResponseClassifier.RawBodyChars, forms, RawBodyTruncated);
        RawBytes = BoundedBytes(RawBytes, forms);
        Preview = ShowBody ? DmsRedaction.Bounded(RawBody, PreviewChars, forms, RawBodyTruncated) : null;
        BoundIds(forms);
        Redacted = true;
    }

    /// <summary>
    /// The bytes masked and bounded like the text: seen as Latin-1 (one char per byte, so any ASCII secret form
    /// matches as it does in text), masked, cut where no secret's start dangles, and turned back into bytes.
    /// </summary>
    private byte[]? BoundedBytes(byte[]? bytes, DmsRedaction.SecretForms forms)
    {
        if (bytes is null)
        {
            return null;
        }

        var text = DmsRedaction.Redact(System.Text.Encoding.Latin1.GetString(bytes), forms)!;
        var end = Math.Min(text.Length, DmsResponseClassifier.RawBodyChars);
        if (end < text.Length || RawBodyTruncated)
        {
            text = DmsRedaction.Plain(text); // as Bounded does: an escaped secret's start at the cut is seen as one
            end = Math.Min(text.Length, DmsResponseClassifier.RawBodyChars);
            end = DmsRedaction.CutEnd(text.AsSpan(0, end), forms);
        }

        return System.Text.Encoding.Latin1.GetBytes(text[..end]);
    }

    // Ids are cut only after masking, so a cut never leaves the start of a secret in them.
    private void BoundIds(DmsRedaction.SecretForms forms)
    {
        Code = DmsRedaction.Bounded(Code, DmsResponseClassifier.IdChars, forms);
        RequestId = DmsRedaction.Bounded(RequestId, DmsResponseClassifier.IdChars, forms);
        HostId = DmsRedaction.Bounded(HostId, DmsResponseClassifier.IdChars, forms);
    }

    /// <summary>The one exception the caller sees, with the number of attempts made.</summary>
    public DmsException ToException(string action, int attempts)
    {
        if (!Redacted)
        {
            BoundIds(DmsRedaction.SecretForms.None);
            RawBytes = BoundedBytes(RawBytes, DmsRedaction.SecretForms.None);
        }

        var message = Preview is null ? $"DMS {action}: {Description}" : $"DMS {action}: {Description}, body: {Preview}";
        if (Kind is DmsFailureKind.AttemptTimeout or DmsFailureKind.OverallTimeout)
        {
            return new DmsTimeoutException(message, Inner) { Attempts = attempts };
        }

        return new DmsException(message, Code, RequestId, Status, RawBody, Inner)
        {
            HostId = HostId,
            Recommend = Recommend,
            ServiceMessage = ServiceMessage,
            Attempts = attempts,
            RawBodyBytes = RawBytes,
        };
    }
}
