using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Json;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Http;

/// <summary>
/// One call: its attempts, waits and timeouts. The caller's token cancels with an
/// <see cref="OperationCanceledException"/> carrying that token; the attempt and overall timeouts end in a
/// <see cref="DmsTimeoutException"/>; everything else that goes wrong is a <see cref="DmsException"/>.
/// </summary>
internal readonly struct DmsCall<TResponse>
    where TResponse : IDmsJsonModel<TResponse>
{
    private readonly DmsClientSettings _settings;
    private readonly HttpClient _httpClient;
    private readonly DmsRequest _request;
    private readonly Activity? _activity;

    public DmsCall(DmsClientSettings settings, HttpClient httpClient, DmsRequest request, Activity? activity)
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
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var (response, error, delay) = await AttemptAsync(attempt, callerToken, overall).ConfigureAwait(false);
            _activity?.SetTag("dms.attempts", attempt);
            if (error is null)
            {
                return response!;
            }

            _activity?.SetTag("error.type", error.Code ?? error.GetType().Name);
            _activity?.SetStatus(ActivityStatusCode.Error, error.Code);

            // Give up at once rather than sleep into a certain overall timeout: the caller learns the real cause.
            if (delay is null || attempt >= _settings.Retry.MaxAttempts || !FitsInBudget(delay.Value, started))
            {
                throw attempt == error.Attempts ? error : error.With(error.Message, error.RawBody, error.ServiceMessage, error.Recommend, attempt);
            }

            try
            {
                await Task.Delay(delay.Value, _settings.TimeProvider, overall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (callerToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(exception.Message, exception, callerToken);
            }
            catch (OperationCanceledException)
            {
                throw new DmsTimeoutException($"DMS {_request.Action} did not complete within the overall timeout of {Seconds(_settings.OverallTimeout)} (last error: {error.Message})", error) { Attempts = attempt };
            }
        }
    }

    /// <summary>One attempt: a response, or an error with the delay before the next attempt (null: do not retry).</summary>
    private async Task<(TResponse? Response, DmsException? Error, TimeSpan? RetryDelay)> AttemptAsync(int attempt, CancellationToken callerToken, CancellationTokenSource overall)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(overall.Token);
        attemptTimeout.CancelAfter(_settings.AttemptTimeout);
        var started = Stopwatch.GetTimestamp();
        DmsCredential? credential = null;
        string? signature = null;
        try
        {
            credential = await _settings.Credentials.GetCredentialAsync(attemptTimeout.Token).ConfigureAwait(false);
            using var message = DmsHttpRequestFactory.Create(_request, _settings.Endpoint, credential, _settings.SignatureVersion, _settings.TimeProvider.GetUtcNow(), Guid.NewGuid().ToString("N"), _settings.UserAgent, out signature);
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token).ConfigureAwait(false);
            var status = response.StatusCode;
            var headerRequestId = response.Headers.TryGetValues("x-acs-request-id", out var ids) ? string.Join(",", ids) : null;
            var error = DmsResponseClassifier.GetError(status, body, headerRequestId);
            TResponse? result = default;
            if (error is null)
            {
                TryRead(status, body, out result, out error);
            }

            if (error is not null)
            {
                error = DmsRedaction.Redact(error, DmsRedaction.Forms(credential, signature));
            }

            if (_settings.Logger is { } logger)
            {
                DmsTelemetry.LogAttempt(logger, _request.Action, attempt, (int)status, error?.RequestId ?? headerRequestId ?? ReadRequestId(body), ElapsedMs(started), error?.Code);
            }

            DmsTelemetry.Attempts.Add(1, new("rpc.method", _request.Action), new("http.response.status_code", (int)status));
            _activity?.SetTag("http.response.status_code", (int)status);
            if (error is null)
            {
                return (result, null, null);
            }

            var retry = DmsRetryPolicy.IsRetriable(error) ? RetryDelay(response, attempt) : null;
            return (default, error, retry);
        }
        catch (OperationCanceledException exception) when (callerToken.IsCancellationRequested)
        {
            DmsTelemetry.LogAttemptFailed(_settings.Logger, _request.Action, attempt, "cancelled by the caller", ElapsedMs(started));
            throw new OperationCanceledException(exception.Message, exception, callerToken);
        }
        catch (OperationCanceledException exception) when (overall.IsCancellationRequested)
        {
            DmsTelemetry.LogAttemptFailed(_settings.Logger, _request.Action, attempt, "overall timeout", ElapsedMs(started));
            throw new DmsTimeoutException($"DMS {_request.Action} did not complete within the overall timeout of {Seconds(_settings.OverallTimeout)}", exception) { Attempts = attempt };
        }
        catch (OperationCanceledException exception)
        {
            // The attempt timeout, or the caller's HttpClient.Timeout: neither is the caller's token.
            DmsTelemetry.LogAttemptFailed(_settings.Logger, _request.Action, attempt, "attempt timeout", ElapsedMs(started));
            var timeout = new DmsTimeoutException($"DMS {_request.Action} attempt {attempt} did not complete within {Seconds(_settings.AttemptTimeout)}", exception) { Attempts = attempt };
            return (default, timeout, Backoff(attempt));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            DmsTelemetry.LogAttemptFailed(_settings.Logger, _request.Action, attempt, exception.GetType().Name, ElapsedMs(started));
            var transport = new DmsException($"DMS {_request.Action} could not be reached at {_settings.Endpoint.GetLeftPart(UriPartial.Authority)}: {exception.Message}", "TransportError", innerException: exception) { Attempts = attempt };
            if (credential is not null)
            {
                transport = DmsRedaction.Redact(transport, DmsRedaction.Forms(credential, signature));
            }

            // A certificate or TLS failure will not heal by itself; anything else at the transport level may.
            var permanent = exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError };
            return (default, transport, permanent ? null : Backoff(attempt));
        }
    }

    /// <summary>
    /// The server's wish when it sent one (a wish beyond <see cref="DmsRetryOptions.MaxDelay"/> means "not now":
    /// no retry, rather than one the server said would fail), else jittered exponential back-off.
    /// </summary>
    private TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        if (DmsRetryPolicy.ServerDelay(response.Headers, _settings.TimeProvider.GetUtcNow()) is { } server)
        {
            return server <= _settings.Retry.MaxDelay ? server : null;
        }

        return Backoff(attempt);
    }

    private TimeSpan Backoff(int attempt) => DmsRetryPolicy.Backoff(_settings.Retry, attempt, Random.Shared.NextDouble());

    private bool FitsInBudget(TimeSpan delay, long started) =>
        _settings.OverallTimeout == Timeout.InfiniteTimeSpan || Stopwatch.GetElapsedTime(started) + delay < _settings.OverallTimeout;

    /// <summary>Reads the body; a body of the wrong shape becomes a DmsException with the status and the body's start, never a bare JsonException.</summary>
    private static bool TryRead(HttpStatusCode status, byte[] body, out TResponse? response, out DmsException? error)
    {
        try
        {
            response = DmsJson.Deserialize<TResponse>(body);
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or NotSupportedException or KeyNotFoundException)
        {
            response = default;
            error = new DmsException(
                $"The response body does not have the shape the spec describes ({exception.Message}); HTTP {(int)status}, body: {DmsResponseClassifier.Preview(body)}",
                "InvalidResponse",
                ReadRequestId(body),
                status,
                DmsResponseClassifier.Preview(body, int.MaxValue),
                exception);
            return false;
        }
    }

    /// <summary>The top-level RequestId, for the log line of a success; only read when a logger is set.</summary>
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

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
