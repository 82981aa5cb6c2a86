using System;
using System.Net;

namespace Dms.Codegen.Emulator.Fakes;

/// <summary>
/// A scripted answer a credential fake gives instead of its normal one (see <see cref="CredentialFake.Enqueue"/>):
/// an error in Alibaba's shape, any raw body, or no answer at all.
/// </summary>
public sealed class FakeAnswer
{
    private FakeAnswer(HttpStatusCode status, string? body, string? code, string contentType, bool hang)
    {
        Status = status;
        Body = body;
        Code = code;
        ContentType = contentType;
        Hang = hang;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The raw body, or null for an Alibaba error built from <see cref="Code"/>.</summary>
    public string? Body { get; }

    /// <summary>The error code of an Alibaba error answer.</summary>
    public string? Code { get; }

    /// <summary>The content type of a raw body.</summary>
    public string ContentType { get; }

    /// <summary>Whether the fake keeps the request open without answering until the client gives up.</summary>
    public bool Hang { get; }

    /// <summary>An error in Alibaba's shape (<c>RequestId</c>, <c>HostId</c>, <c>Code</c>, <c>Message</c>, <c>Recommend</c>).</summary>
    public static FakeAnswer Error(HttpStatusCode status, string code, string message = "The fake was told to fail.")
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return new FakeAnswer(status, message, code, "application/json; charset=utf-8", hang: false);
    }

    /// <summary>Exactly this body, e.g. malformed JSON or a JSON object that lacks a member.</summary>
    public static FakeAnswer Raw(HttpStatusCode status, string body, string contentType = "application/json; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(body);
        return new FakeAnswer(status, body, null, contentType, hang: false);
    }

    /// <summary>No answer: the request stays open until the client cancels or times out.</summary>
    public static FakeAnswer NoAnswer { get; } = new(HttpStatusCode.OK, null, null, string.Empty, hang: true);
}
