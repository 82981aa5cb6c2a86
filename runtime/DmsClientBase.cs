using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Json;

namespace Dms.Codegen;

/// <summary>
/// The base of every generated <c>DmsClient</c>: generated methods are one call to <see cref="SendAsync{TResponse}"/>,
/// which validates, signs each attempt afresh, sends, retries what is transient and reads the response.
/// A client is thread-safe; create one and share it.
/// </summary>
public abstract class DmsClientBase : IDisposable
{
    private readonly HttpMessageInvoker? _ownedHttpClient;
    private readonly DmsPipeline? _pipeline;

    /// <summary>For mocking frameworks only: such a client cannot send.</summary>
    protected DmsClientBase()
    {
    }

    /// <summary>Creates a client that owns and reuses its own connection pool.</summary>
    protected DmsClientBase(DmsClientOptions options)
    {
        var settings = Settings(options);
        _ownedHttpClient = CreateOwnedHttpClient();
        _pipeline = new DmsPipeline(settings, _ownedHttpClient);
    }

    /// <summary>
    /// Creates a client that sends through the caller's <see cref="HttpClient"/>, which it never disposes. The
    /// client signs each of its own attempts before the HttpClient's chain sees it; a retry handler inside that
    /// chain would replay a used signature unless a <see cref="DmsSigningHandler"/> is innermost in it.
    /// </summary>
    protected DmsClientBase(DmsClientOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _pipeline = new DmsPipeline(Settings(options), httpClient);
    }

    /// <summary>
    /// Creates a client that takes an <see cref="HttpClient"/> from <paramref name="httpClientFactory"/> for each
    /// call (so handler rotation keeps working); the named client's chain must end in a
    /// <see cref="DmsSigningHandler"/>, as <c>AddDmsClient</c> registers it.
    /// </summary>
    protected DmsClientBase(DmsClientOptions options, IHttpClientFactory httpClientFactory, string httpClientName)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentException.ThrowIfNullOrEmpty(httpClientName);
        _pipeline = new DmsPipeline(Settings(options), httpClientFactory, httpClientName);
    }

    /// <summary>The endpoint this client calls.</summary>
    public Uri? Endpoint => _pipeline?.Settings.Endpoint;

    /// <summary>The pipeline, for runtime features built on it (streams); null for a mocking client.</summary>
    internal DmsPipeline? Pipeline => _pipeline;

    /// <summary>The options' clock, for waiters and streams (a client made for mocking uses the system clock).</summary>
    internal TimeProvider Clock => _pipeline?.Settings.TimeProvider ?? TimeProvider.System;

    /// <summary>Disposes the connection pool if the client created it.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the connection pool if the client created it.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttpClient?.Dispose();
        }
    }

    /// <summary>Validates, signs and sends <paramref name="request"/>, then reads the response as <typeparamref name="TResponse"/>.</summary>
    /// <exception cref="ArgumentException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="DmsException">DMS answered with an error, the body could not be read, or DMS could not be reached.</exception>
    /// <exception cref="DmsTimeoutException">An attempt or the whole call ran out of time.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; its <see cref="OperationCanceledException.CancellationToken"/> is that token.</exception>
    /// <exception cref="Credentials.DmsCredentialException">The credential source is missing or malformed; nothing was sent.</exception>
    protected Task<TResponse> SendAsync<TResponse>(IDmsOperationRequest request, CancellationToken cancellationToken)
        where TResponse : IDmsJsonModel<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = _pipeline ?? throw new InvalidOperationException("This client was created for mocking and cannot send; override its methods.");
        var wire = request.BuildRequest();
        return DmsCall.RunAsync<TResponse>(pipeline, wire, wire.Descriptor?.ResponseDeclaresSuccess ?? true, cancellationToken);
    }

    private static DmsClientSettings Settings(DmsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new DmsClientSettings(options);
    }

    /// <summary>
    /// Validates and builds <paramref name="request"/> now, then returns its answer as server-sent events, each
    /// one's data read as <typeparamref name="TResponse"/> (see <see cref="Streaming.DmsStreamCall{T}"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The request is invalid; nothing was sent.</exception>
    protected IAsyncEnumerable<Streaming.DmsEvent<TResponse>> StreamAsync<TResponse>(IDmsOperationRequest request, CancellationToken cancellationToken)
        where TResponse : IDmsJsonModel<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = _pipeline ?? throw new InvalidOperationException("This client was created for mocking and cannot send; override its methods.");
        return new Streaming.DmsStreamCall<TResponse>(pipeline, request.BuildRequest()).RunAsync(cancellationToken);
    }

    // An invoker, not an HttpClient: the client keeps its own timeouts and reads responses as they stream in. No
    // automatic decompression: the runtime asks for compressed bodies itself and decodes them as it reads them,
    // within MaxResponseBytes (DmsResponseBody), so the handler does no per-request header work of its own. No
    // redirects: the handler would resend a signed request (its STS token header, a V1 body's signature) to
    // whatever host the Location names; a 3xx is an error instead.
    private static HttpMessageInvoker CreateOwnedHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.None, AllowAutoRedirect = false });
}
