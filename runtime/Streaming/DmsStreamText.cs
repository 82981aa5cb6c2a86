using System;
using Dms.Codegen.Http;

namespace Dms.Codegen.Streaming;

/// <summary>Stream errors raised outside a <see cref="DmsFailure"/> (transport, timeouts, the guard), masked like every other call's errors.</summary>
internal static class DmsStreamText
{
    /// <summary>The exception with every form of the call's secrets masked in its texts.</summary>
    public static DmsException Redact(DmsException exception, DmsRedaction.SecretForms forms) =>
        exception.With(
            DmsRedaction.Redact(exception.Message, forms) ?? exception.Message,
            DmsRedaction.Redact(exception.RawBody, forms),
            DmsRedaction.Redact(exception.ServiceMessage, forms),
            DmsRedaction.Redact(exception.Recommend, forms),
            exception.Attempts);
}
