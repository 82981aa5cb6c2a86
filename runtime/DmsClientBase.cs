using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Json;

namespace Dms.Codegen;

/// <summary>
/// The base of every generated <c>DmsClient</c>: generated methods are one call to <see cref="SendAsync{TResponse}"/>.
/// PLACEHOLDER: the runtime issue (#3) fills in the pipeline; the signatures below are the contract with generated code.
/// </summary>
public abstract class DmsClientBase
{
    /// <summary>For mocking frameworks only.</summary>
    protected DmsClientBase()
    {
    }

    /// <summary>Creates a client that owns and reuses its own <see cref="HttpClient"/>.</summary>
    protected DmsClientBase(DmsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
    }

    /// <summary>Creates a client that sends through the caller's <see cref="HttpClient"/> (which it does not dispose).</summary>
    protected DmsClientBase(DmsClientOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
    }

    /// <summary>Validates, signs and sends <paramref name="request"/>, then reads the response as <typeparamref name="TResponse"/>.</summary>
    protected Task<TResponse> SendAsync<TResponse>(IDmsOperationRequest request, CancellationToken cancellationToken)
        where TResponse : IDmsJsonModel<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        request.BuildRequest();
        throw new NotImplementedException("The runtime pipeline is built in issue #3.");
    }
}

/// <summary>PLACEHOLDER for issue #3.</summary>
public sealed class DmsClientOptions
{
}
