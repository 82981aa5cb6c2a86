namespace Dms.Codegen;

/// <summary>
/// The codes the runtime itself gives a <see cref="DmsException"/> when DMS sent none (service codes such as
/// <c>Throttling.User</c> are DMS's own). They are stable: match on them rather than on messages.
/// </summary>
public static class DmsErrorCodes
{
    /// <summary>The body could not be read: not JSON, invalid UTF-8 or compressed data, truncated, or not the shape the spec describes.</summary>
    public const string InvalidResponse = "InvalidResponse";

    /// <summary>The body (after decompression) is larger than <see cref="DmsClientOptions.MaxResponseBytes"/>.</summary>
    public const string ResponseTooLarge = "ResponseTooLarge";

    /// <summary>DMS could not be reached, or the connection broke before a response was read.</summary>
    public const string TransportError = "TransportError";

    /// <summary>An attempt or the whole call ran out of time (<see cref="DmsTimeoutException"/>).</summary>
    public const string Timeout = "Timeout";

    /// <summary>HTTP 200 with <c>"Success"</c> other than <c>true</c> and no error code.</summary>
    public const string Unsuccessful = "Unsuccessful";
}
