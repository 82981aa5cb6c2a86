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
/// Every attempt ends in events or a <see cref="DmsFailure"/>, which the retry policy judges as it judges every call's
/// until the first event arrives; after it, every failure ends the stream. The exception is built once, masked.
/// </summary>
internal sealed class DmsStreamCall<T>
    where T : IDmsJsonModel<T>
{
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
            var (response, forms, failure) = await OpenAsync(attempt, cancellationToken).ConfigureAwait(false);
            failure?.Redact(forms); // before the span sees the server's ids
            telemetry.Attempted(attempt, (int?)(response?.StatusCode ?? failure!.Status) ?? 0, response is null ? failure!.RequestId : HeaderRequestId(response));
            if (response is not null)
            {
                using (response)
                {
                    var requestId = HeaderRequestId(response);
                    var (body, undecodable) = Decoded(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response, requestId);
                    failure = undecodable;
                    var guard = new DmsEventStreamGuard(body, _settings.MaxResponseBytes, _settings.AttemptTimeout, _settings.TimeProvider);
                    await using var events = DmsEventReader.ReadAsync<T>(guard, requestId, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    var delivered = false;
                    while (failure is null)
                    {
                        bool more;
                        try
                        {
                            more = await events.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (Exception exception) when (BodyFailure(exception, cancellationToken) is { } bodyFailure)
                        {
                            failure = bodyFailure;
                            break;
                        }

                        if (!more)
                        {
                            yield break;
                        }

                        delivered = true;
                        yield return events.Current;
                    }

                    if (delivered)
                    {
                        failure!.Redact(forms);
                        throw failure.ToException(_request.Action, attempt); // events were delivered: never retried
                    }
                }
            }

            failure!.Redact(forms);
            if (_pipeline.Retry.NextDelay(failure, attempt, _settings.TimeProvider.GetElapsedTime(started)) is not { } delay)
            {
                throw failure.ToException(_request.Action, attempt);
            }

            await Task.Delay(delay, _settings.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one signed attempt and returns the response once its headers arrived and say "events follow"; an HTTP
    /// error, or a JSON answer instead of a stream, is read as every call reads a failure (bounded by
    /// MaxResponseBytes, with the wait the server asked for) and returned as data, like a transport failure or the
    /// attempt timeout (on the client's TimeProvider), with the forms of the secrets the attempt was signed with.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, DmsRedaction.SecretForms Forms, DmsFailure? Failure)> OpenAsync(int attempt, CancellationToken cancellationToken)
    {
        using var deadline = DmsDeadline.Start(cancellationToken, _settings.AttemptTimeout, _settings.TimeProvider);
        var context = new DmsSigningContext(_settings, _request, _pipeline.CarriesContext, compressed: false);
        HttpResponseMessage? response = null;
        try
        {
            response = await _pipeline.SendAttemptAsync(context, deadline.Token).ConfigureAwait(false);
            if (context.Misdirected(response) is { } misdirected)
            {
                response.Dispose();
                return (null, context.RedactionForms(), misdirected);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if ((int)response.StatusCode < 400 && (mediaType is null || mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
            {
                return (response, context.RedactionForms(), null);
            }

            using (response)
            {
                var read = new DmsReadContext(_pipeline, DeclaresSuccess: true, WantsRequestId: false);
                var failure = await DmsJsonResponse.ReadFailureAsync(response, read, deadline.Token, $"an answer of type {mediaType ?? "(none)"} instead of an event stream").ConfigureAwait(false);
                return (null, context.RedactionForms(), failure);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw;
        }
        catch (OperationCanceledException exception)
        {
            response?.Dispose();
            return (null, context.RedactionForms(), new DmsFailure(DmsFailureKind.AttemptTimeout, DmsErrorCodes.Timeout, $"attempt {attempt} sent no response headers within {DmsCall.Seconds(_settings.AttemptTimeout)}") { Inner = exception });
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // A signature may have gone out before the failure: the forms are taken after it.
            response?.Dispose();
            return (null, context.RedactionForms(), DmsFailure.Unreachable(_settings.Endpoint, exception));
        }
    }

    private static string? HeaderRequestId(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("x-acs-request-id", out var ids) ? ids.ToString() : null;

    /// <summary>What a failure while reading the body was, as data; null for the caller's cancellation (and anything unforeseen), which propagates.</summary>
    private DmsFailure? BodyFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        DmsStreamFailure stream => stream.Failure,
        OperationCanceledException => new DmsFailure(DmsFailureKind.AttemptTimeout, DmsErrorCodes.Timeout, "timed out while the stream was read") { Inner = exception },
        HttpRequestException or IOException => DmsFailure.Unreachable(_settings.Endpoint, exception),
        _ => null,
    };

    /// <summary>
    /// The body as its Content-Encoding says (streams ask for none, but a server or a caller's handler may still
    /// send one); an encoding the runtime cannot read is an InvalidResponse failure, and the body is then empty.
    /// </summary>
    private static (Stream Body, DmsFailure? Failure) Decoded(Stream raw, HttpResponseMessage response, string? requestId)
    {
        try
        {
            return (DmsResponseBody.Decoded(raw, response.Content), null);
        }
        catch (DmsBodyException exception)
        {
            raw.Dispose();
            return (Stream.Null, DmsResponseClassifier.Unreadable(exception.Code, exception.Message, response.StatusCode, requestId, default, exception.InnerException));
        }
    }
}
