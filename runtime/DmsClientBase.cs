using System;
using System.Collections.Generic;
using System.Diagnostics;
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
    private readonly HttpClient? _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly DmsClientSettings? _settings;

    /// <summary>For mocking frameworks only: such a client cannot send.</summary>
    protected DmsClientBase()
    {
    }

    /// <summary>Creates a client that owns and reuses its own connection pool.</summary>
    protected DmsClientBase(DmsClientOptions options)
        : this(options, CreateOwnedHttpClient(), ownsHttpClient: true)
    {
    }

    /// <summary>Creates a client that sends through the caller's <see cref="HttpClient"/>, which it never disposes.</summary>
    protected DmsClientBase(DmsClientOptions options, HttpClient httpClient)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ownsHttpClient: false)
    {
    }

    private DmsClientBase(DmsClientOptions options, HttpClient httpClient, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _settings = new DmsClientSettings(options);
        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
    }

    /// <summary>The endpoint this client calls.</summary>
    public Uri? Endpoint => _settings?.Endpoint;

    /// <summary>The options' clock, for waiters and streams (a client made for mocking uses the system clock).</summary>
    internal TimeProvider Clock => _settings?.TimeProvider ?? TimeProvider.System;

    /// <summary>Disposes the connection pool if the client created it.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the connection pool if the client created it.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttpClient)
        {
            _httpClient?.Dispose();
        }
    }

    /// <summary>Validates, signs and sends <paramref name="request"/>, then reads the response as <typeparamref name="TResponse"/>.</summary>
    /// <exception cref="ArgumentException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="DmsException">DMS answered with an error, the body could not be read, or DMS could not be reached.</exception>
    /// <exception cref="DmsTimeoutException">An attempt or the whole call ran out of time.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; its <see cref="OperationCanceledException.CancellationToken"/> is that token.</exception>
    /// <exception cref="Credentials.DmsCredentialException">The credential source is missing or malformed; nothing was sent.</exception>
    protected async Task<TResponse> SendAsync<TResponse>(IDmsOperationRequest request, CancellationToken cancellationToken)
        where TResponse : IDmsJsonModel<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = _settings ?? throw new InvalidOperationException("This client was created for mocking and cannot send; override its methods.");
        var wire = request.BuildRequest();
        using var activity = DmsTelemetry.ActivitySource.StartActivity("DMS " + wire.Action, ActivityKind.Client);
        activity?.SetTag("rpc.system", "alibaba-cloud-rpc");
        activity?.SetTag("rpc.method", wire.Action);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await new DmsCall<TResponse>(settings, _httpClient!, wire, activity).RunAsync(cancellationToken).ConfigureAwait(false);
            outcome = "success";
            return response;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            DmsTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new("rpc.method", wire.Action), new("outcome", outcome));
        }
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
        var settings = _settings ?? throw new InvalidOperationException("This client was created for mocking and cannot send; override its methods.");
        return new Streaming.DmsStreamCall<TResponse>(settings, _httpClient!, request.BuildRequest()).RunAsync(cancellationToken);
    }

    private static HttpClient CreateOwnedHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            Timeout = Timeout.InfiniteTimeSpan, // the client keeps its own attempt and overall timeouts
        };
}
