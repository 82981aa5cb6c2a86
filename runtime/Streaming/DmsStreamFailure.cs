using System;
using Dms.Codegen.Http;

namespace Dms.Codegen.Streaming;

/// <summary>
/// A failure found while reading a stream's body (by the guard or the event parser), carried as data to
/// <see cref="DmsStreamCall{T}"/>, which masks it, asks the retry policy and builds the one exception the
/// caller sees, with its attempt count, as every call does. It never leaves the runtime.
/// </summary>
internal sealed class DmsStreamFailure : Exception
{
    public DmsStreamFailure(DmsFailure failure)
        : base(failure.Description, failure.Inner)
    {
        Failure = failure;
    }

    public DmsFailure Failure { get; }
}
