using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Json;

namespace Dms.Codegen.Streaming;

/// <summary>
/// One streaming call. Each attempt is signed afresh with ACS3-HMAC-SHA256 (Alibaba's clients sign every stream
/// with V3, whatever the client's configured version) and sent with the headers read first; the attempt timeout
/// covers the headers and, through the body guard, each silence between events, never the whole stream.
/// Transient failures are retried until the first event arrives; after it, every failure ends the stream.
/// </summary>
internal sealed class DmsStreamCall<T>
    where T : IDmsJsonModel<T>
{
    /// <summary>The largest event read (DMS events are a few kilobytes); an error body is bounded by MaxResponseBytes, as in every call.</summary>
    internal const int MaxEventBytes = 4 * 1024 * 1024;

    private readonly DmsPipeline _pipeline;
    private readonly DmsClientSettings _settings;
    private readonly DmsRequest _request;

    public DmsStreamCall(DmsPipeline pipeline, DmsRequest request)
    {
        _pipeline = pipeline;
        _settings = pipeline.Settings.WithSignatureVersion(DmsSignatureVersion.V3);
        _request = request;
    }

    public async IAsyncEnumerable<DmsEvent<T>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The call's span and duration metric (the same as every other call's), from the first attempt to the stream's end.
        var telemetry = DmsTelemetry.StartCall(_request.Action, _settings);
        try
        {
            await using var events = AttemptsAsync(telemetry, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (telemetry.Failed(exception))
                {
                    throw; // not reached: the filter only records the error
                }

                if (!more)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }
        finally
        {
            telemetry.Dispose();
        }
    }

    /// <param name="telemetry">A copy of the call's scope: recording attempts does not change it, so a copy records into the same span.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    private async IAsyncEnumerable<DmsEvent<T>> AttemptsAsync(DmsTelemetry.CallScope telemetry, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = _settings.TimeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var (response, forms, failure, serverDelay) = await OpenAsync(attempt, cancellationToken).ConfigureAwait(false);
            var requestId = response is null ? failure!.RequestId : HeaderRequestId(response);
            telemetry.Attempted(attempt, (int?)(response?.StatusCode ?? failure!.StatusCode) ?? 0, requestId);
            if (response is not null)
            {
                using (response)
                {
                    var body = Decoded(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response.Content, _request.Action);
                    var guard = new DmsEventStreamGuard(body, MaxEventBytes, _settings.AttemptTimeout, _settings.TimeProvider, _request.Action);
                    await using var events = DmsEventReader.ReadAsync<T>(guard, _request.Action, requestId, forms!, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    var delivered = false;
                    while (true)
                    {
                        bool more;
                        try
                        {
                            more = await events.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (Exception exception) when (Transient(exception, attempt, cancellationToken) is { } transient)
                        {
                            if (delivered)
                            {
                                throw DmsStreamText.Redact(transient, forms!); // events were delivered: never retried
                            }

                            failure = transient;
                            serverDelay = null;
                            break;
                        }
                        catch (DmsException exception)
                        {
                            throw DmsStreamText.Redact(exception, forms!);
                        }

                        if (!more)
                        {
                            yield break;
                        }

                        delivered = true;
                        yield return events.Current;
                    }
                }
            }

            failure = DmsStreamText.Redact(failure!, forms ?? DmsRedaction.SecretForms.None);
            if (_pipeline.Retry.NextDelay(failure, serverDelay, attempt, _settings.TimeProvider.GetElapsedTime(started)) is not { } delay)
            {
                throw failure;
            }

            await Task.Delay(delay, _settings.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one signed attempt and returns the response once its headers arrived and say "events follow"; an HTTP
    /// error, or a JSON answer instead of a stream, is read as every call reads a failure (bounded by
    /// MaxResponseBytes, masked before it is cut) and returned as the exception, with the wait the server asked
    /// for (<c>x-acs-retry-after</c>, <c>Retry-After</c>). The attempt timeout runs on the client's TimeProvider.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, DmsRedaction.SecretForms? Forms, DmsException? Failure, TimeSpan? ServerDelay)> OpenAsync(int attempt, CancellationToken cancellationToken)
    {
        using var deadline = DmsDeadline.Start(cancellationToken, _settings.AttemptTimeout, _settings.TimeProvider);
        var context = new DmsSigningContext(_settings, _request, _pipeline.CarriesContext, compressed: false);
        DmsRedaction.SecretForms? forms = null;
        HttpResponseMessage? response = null;
        try
        {
            response = await _pipeline.SendAttemptAsync(context, deadline.Token).ConfigureAwait(false);
            forms = context.RedactionForms();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if ((int)response.StatusCode < 400 && (mediaType is null || mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
            {
                return (response, forms, null, null);
            }

            using (response)
            {
                var read = new DmsReadContext(_pipeline, DeclaresSuccess: true, WantsRequestId: false);
                var failure = await DmsJsonResponse.ReadFailureAsync(response, read, deadline.Token, $"an answer of type {mediaType ?? "(none)"} instead of an event stream").ConfigureAwait(false);
                failure.Redact(forms);
                return (null, forms, failure.ToException(_request.Action, attempt), failure.ServerDelay);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw;
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            // Not retried, as in every call, and a DmsException like every other failure.
            response?.Dispose();
            throw DmsStreamText.Redact(DmsFailure.Unreachable(_settings.Endpoint, exception).ToException(_request.Action, attempt), context.RedactionForms());
        }
        catch (Exception exception) when (Transient(exception, attempt, cancellationToken) is { } transient)
        {
            response?.Dispose();
            forms ??= context.RedactionForms(); // a signature may have gone out before the failure
            return (null, forms, exception is OperationCanceledException
                ? new DmsTimeoutException($"DMS {_request.Action} attempt {attempt} sent no response headers within {_settings.AttemptTimeout.TotalSeconds:0.###} s", exception) { Attempts = attempt }
                : transient, null);
        }
    }

    private static string? HeaderRequestId(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("x-acs-request-id", out var ids) ? ids.ToString() : null;

    /// <summary>The failure as a DmsException when another attempt may help; null for the caller's cancellation and for what would fail again.</summary>
    private DmsException? Transient(Exception exception, int attempt, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        DmsTimeoutException timeout => timeout,
        DmsException dms => DmsRetryPolicy.IsRetriable(dms) ? dms : null,
        OperationCanceledException => new DmsTimeoutException($"DMS {_request.Action} timed out", exception),
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => null,
        HttpRequestException or IOException => DmsFailure.Unreachable(_settings.Endpoint, exception).ToException(_request.Action, attempt),
        _ => null,
    };

    /// <summary>
    /// The body as its Content-Encoding says (streams ask for none, but a server or a caller's handler may still
    /// send one); an encoding the runtime cannot read is an InvalidResponse.
    /// </summary>
    private static Stream Decoded(Stream raw, HttpContent content, string action)
    {
        try
        {
            return DmsResponseBody.Decoded(raw, content);
        }
        catch (DmsBodyException exception)
        {
            raw.Dispose();
            throw new DmsException($"DMS {action}: {exception.Message}", exception.Code);
        }
    }
}
