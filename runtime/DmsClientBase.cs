using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Http;
using Dms.Codegen.Json;
using Microsoft.Extensions.Logging;

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
    private readonly Settings? _settings;

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
        _settings = new Settings(options);
        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
    }

    /// <summary>The endpoint this client calls.</summary>
    public Uri? Endpoint => _settings?.Endpoint;

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
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
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
            var response = await new Call<TResponse>(settings, _httpClient!, wire, activity).RunAsync(cancellationToken).ConfigureAwait(false);
            outcome = "success";
            return response;
        }
        finally
        {
            DmsTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new("rpc.method", wire.Action), new("outcome", outcome));
        }
    }

    private static HttpClient CreateOwnedHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            Timeout = Timeout.InfiniteTimeSpan, // the client keeps its own attempt and overall timeouts
        };

    /// <summary>The options, copied when the client is created so that later changes do not leak in.</summary>
    private sealed class Settings
    {
        public Settings(DmsClientOptions options)
        {
            Endpoint = options.ResolveEndpoint();
            Credentials = options.Credentials ?? DmsCredentials.Default();
            SignatureVersion = options.SignatureVersion;
            AttemptTimeout = options.AttemptTimeout;
            OverallTimeout = options.OverallTimeout;
            Retry = new DmsRetryOptions { MaxAttempts = options.Retry.MaxAttempts, BaseDelay = options.Retry.BaseDelay, MaxDelay = options.Retry.MaxDelay };
            UserAgent = options.UserAgent ?? "Dms.Codegen/" + typeof(DmsClientBase).Assembly.GetName().Version?.ToString(3);
            Logger = options.LoggerFactory?.CreateLogger("Dms.Codegen.DmsClient");
            TimeProvider = options.TimeProvider;
        }

        public Uri Endpoint { get; }

        public IDmsCredentialProvider Credentials { get; }

        public DmsSignatureVersion SignatureVersion { get; }

        public TimeSpan AttemptTimeout { get; }

        public TimeSpan OverallTimeout { get; }

        public DmsRetryOptions Retry { get; }

        public string UserAgent { get; }

        public ILogger? Logger { get; }

        public TimeProvider TimeProvider { get; }
    }

    /// <summary>One call: its attempts, waits and timeouts.</summary>
    private readonly struct Call<TResponse>
        where TResponse : IDmsJsonModel<TResponse>
    {
        private readonly Settings _settings;
        private readonly HttpClient _httpClient;
        private readonly DmsRequest _request;
        private readonly Activity? _activity;

        public Call(Settings settings, HttpClient httpClient, DmsRequest request, Activity? activity)
        {
            _settings = settings;
            _httpClient = httpClient;
            _request = request;
            _activity = activity;
        }

        public async Task<TResponse> RunAsync(CancellationToken callerToken)
        {
            using var overall = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
            overall.CancelAfter(_settings.OverallTimeout);
            for (var attempt = 1; ; attempt++)
            {
                var (response, error, delay) = await AttemptAsync(attempt, callerToken, overall).ConfigureAwait(false);
                if (error is null)
                {
                    _activity?.SetTag("dms.attempts", attempt);
                    return response!;
                }

                _activity?.SetTag("error.type", error.Code ?? error.GetType().Name);
                if (delay is null || attempt >= _settings.Retry.MaxAttempts)
                {
                    throw WithAttempts(error, attempt);
                }

                try
                {
                    await Task.Delay(delay.Value, _settings.TimeProvider, overall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
                {
                    throw new DmsTimeoutException($"DMS {_request.Action} did not complete within the overall timeout of {_settings.OverallTimeout.TotalSeconds:0.###} s (last error: {error.Message})", error);
                }
            }
        }

        /// <summary>One attempt: a response, or an error with the delay before the next attempt (null: do not retry).</summary>
        private async Task<(TResponse? Response, DmsException? Error, TimeSpan? RetryDelay)> AttemptAsync(int attempt, CancellationToken callerToken, CancellationTokenSource overall)
        {
            var credential = await _settings.Credentials.GetCredentialAsync(overall.Token).ConfigureAwait(false);
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(overall.Token);
            attemptTimeout.CancelAfter(_settings.AttemptTimeout);
            var started = Stopwatch.GetTimestamp();
            using var message = DmsHttpRequestFactory.Create(_request, _settings.Endpoint, credential, _settings.SignatureVersion, _settings.TimeProvider.GetUtcNow(), Guid.NewGuid().ToString("N"), _settings.UserAgent);
            try
            {
                using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token).ConfigureAwait(false);
                var headerRequestId = response.Headers.TryGetValues("x-acs-request-id", out var ids) ? string.Join(",", ids) : null;
                var error = DmsResponseClassifier.GetError(response.StatusCode, body, headerRequestId);
                DmsTelemetry.LogAttempt(_settings.Logger, _request.Action, attempt, (int)response.StatusCode, error?.RequestId ?? headerRequestId ?? ReadRequestId(body), ElapsedMs(started));
                DmsTelemetry.Attempts.Add(1, new("rpc.method", _request.Action), new("http.response.status_code", (int)response.StatusCode));
                _activity?.SetTag("http.response.status_code", (int)response.StatusCode);
                if (error is not null)
                {
                    var retry = DmsRetryPolicy.IsRetriable(error)
                        ? Min(DmsRetryPolicy.ServerDelay(response.Headers, _settings.TimeProvider.GetUtcNow()) ?? DmsRetryPolicy.Backoff(_settings.Retry, attempt, Random.Shared.NextDouble()), _settings.Retry.MaxDelay)
                        : (TimeSpan?)null;
                    return (default, error, retry);
                }

                return (Read(response.StatusCode, body), null, null);
            }
            catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(callerToken);
            }
            catch (OperationCanceledException exception) when (overall.IsCancellationRequested)
            {
                throw new DmsTimeoutException($"DMS {_request.Action} did not complete within the overall timeout of {_settings.OverallTimeout.TotalSeconds:0.###} s", exception);
            }
            catch (OperationCanceledException exception)
            {
                DmsTelemetry.LogAttemptFailed(_settings.Logger, _request.Action, attempt, "attempt timeout", ElapsedMs(started));
                var timeout = new DmsTimeoutException($"DMS {_request.Action} attempt {attempt} did not complete within {_settings.AttemptTimeout.TotalSeconds:0.###} s", exception);
                return (default, timeout, DmsRetryPolicy.Backoff(_settings.Retry, attempt, Random.Shared.NextDouble()));
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                DmsTelemetry.LogAttemptFailed(_settings.Logger, _request.Action, attempt, exception.GetType().Name, ElapsedMs(started));
                var transport = new DmsException($"DMS {_request.Action} could not be reached at {_settings.Endpoint.GetLeftPart(UriPartial.Authority)}: {exception.Message}", "TransportError", innerException: exception);
                return (default, transport, DmsRetryPolicy.Backoff(_settings.Retry, attempt, Random.Shared.NextDouble()));
            }
        }

        private static TResponse Read(System.Net.HttpStatusCode status, byte[] body)
        {
            try
            {
                return DmsJson.Deserialize<TResponse>(body);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                throw new DmsException(
                    $"The response body does not have the shape the spec describes ({exception.Message}); HTTP {(int)status}, body: {DmsResponseClassifier.Preview(body)}",
                    "InvalidResponse",
                    ReadRequestId(body),
                    status,
                    DmsResponseClassifier.Preview(body, int.MaxValue),
                    exception);
            }
        }

        private static string? ReadRequestId(byte[] body)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isId = reader.ValueTextEquals("RequestId"u8);
                    reader.Read();
                    if (isId && reader.TokenType == JsonTokenType.String)
                    {
                        return reader.GetString();
                    }

                    reader.Skip();
                }
            }
            catch (JsonException)
            {
            }

            return null;
        }

        private static DmsException WithAttempts(DmsException error, int attempts) => error switch
        {
            DmsTimeoutException timeout => timeout,
            _ => new DmsException(error.Message, error.Code, error.RequestId, error.StatusCode, error.RawBody, error.InnerException)
            {
                HostId = error.HostId,
                Recommend = error.Recommend,
                ServiceMessage = error.ServiceMessage,
                Attempts = attempts,
            },
        };

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
