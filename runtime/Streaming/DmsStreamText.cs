using System;
using Dms.Codegen.Http;

namespace Dms.Codegen.Streaming;

/// <summary>Bounded, redacted text for stream errors, on the same rules as every other call's errors.</summary>
internal static class DmsStreamText
{
    /// <summary>The start of a body, as exception messages show it.</summary>
    public static string Preview(ReadOnlySpan<byte> body)
    {
        var text = DmsResponseClassifier.BodyText(body, out var truncated);
        return DmsRedaction.Bounded(text, DmsFailure.PreviewChars, DmsRedaction.SecretForms.None, truncated) ?? string.Empty;
    }

    /// <summary>The exception with every form of the call's secrets masked in its texts.</summary>
    public static DmsException Redact(DmsException exception, DmsRedaction.SecretForms forms) =>
        exception.With(
            DmsRedaction.Redact(exception.Message, forms) ?? exception.Message,
            DmsRedaction.Redact(exception.RawBody, forms),
            DmsRedaction.Redact(exception.ServiceMessage, forms),
            DmsRedaction.Redact(exception.Recommend, forms),
            exception.Attempts);
}
