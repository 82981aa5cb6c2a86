using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Json;

namespace Dms.Codegen.Http;

/// <summary>How one attempt ended: a value, or a failure (data, not yet an exception).</summary>
/// <param name="Value">The value, when the attempt succeeded.</param>
/// <param name="Failure">What went wrong, otherwise.</param>
/// <param name="Status">The HTTP status, when a response arrived.</param>
/// <param name="RequestId">DMS's request id, when known (read from the body only if someone listens).</param>
/// <param name="KeepsResponse">Whether the value owns the response (a stream), so the call must not dispose it.</param>
internal readonly record struct DmsAttemptResult<T>(T? Value, DmsFailure? Failure, int Status, string? RequestId, bool KeepsResponse = false);

/// <summary>What a response reader gets besides the response.</summary>
/// <param name="Pipeline">The client's pipeline.</param>
/// <param name="DeclaresSuccess">Whether the operation's response declares <c>Success</c> (see <see cref="DmsResponseClassifier"/>).</param>
/// <param name="WantsRequestId">Whether a logger or a span wants the request id of a success.</param>
internal readonly record struct DmsReadContext(DmsPipeline Pipeline, bool DeclaresSuccess, bool WantsRequestId);

/// <summary>
/// One call, from outcome to decision to exception once: each attempt ends in a value or a
/// <see cref="DmsFailure"/>; secrets are masked in the failure's strings; <see cref="DmsRetryPolicy"/> decides
/// whether to wait and try again; the exception is built once, when the call gives up, with its attempt count.
/// Every timeout and wait goes through the client's <see cref="TimeProvider"/>. The caller's token cancels with
/// an <see cref="OperationCanceledException"/> carrying that token; the attempt and overall timeouts end in a
/// <see cref="DmsTimeoutException"/>.
/// </summary>
internal static class DmsCall
{
    /// <summary>A call whose answer is a generated JSON model.</summary>
    public static Task<TResponse> RunAsync<TResponse>(DmsPipeline pipeline, DmsRequest request, bool declaresSuccess, CancellationToken callerToken)
        where TResponse : IDmsJsonModel<TResponse> =>
        RunAsync(pipeline, request, declaresSuccess, DmsJsonResponse.ReadAsync<TResponse>, callerToken);

    /// <summary>
    /// A call whose responses <paramref name="read"/> turns into a value or a failure; a reader that keeps the
    /// response (a stream) says so in its result. Failures of an error status can be read with <see cref="DmsJsonResponse.ReadFailureAsync"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        DmsPipeline pipeline,
        DmsRequest request,
        bool declaresSuccess,
        Func<HttpResponseMessage, DmsReadContext, CancellationToken, ValueTask<DmsAttemptResult<T>>> read,
        CancellationToken callerToken)
    {
        var settings = pipeline.Settings;
        var time = settings.TimeProvider;
        var telemetry = DmsTelemetry.StartCall(request.Action, settings);
        try
        {
            var context = new DmsSigningContext(settings, request, pipeline.CarriesContext);
            var readContext = new DmsReadContext(pipeline, declaresSuccess, telemetry.WantsRequestId);
            var started = time.GetTimestamp();
            for (var attempt = 1; ; attempt++)
            {
                var result = await AttemptAsync(pipeline, context, readContext, read, attempt, callerToken, time.GetElapsedTime(started)).ConfigureAwait(false);
                telemetry.Attempted(attempt, result.Status, result.RequestId ?? result.Failure?.RequestId);
                if (result.Failure is not { } failure)
                {
                    return result.Value!;
                }

                failure.Redact(context.RedactionForms());
                if (pipeline.Retry.NextDelay(failure, attempt, time.GetElapsedTime(started)) is not { } delay)
                {
                    throw failure.ToException(request.Action, attempt);
                }

                // The retry policy only waits when the wait ends before the overall timeout, so only the caller can cancel it.
                try
                {
                    await Task.Delay(delay, time, callerToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException exception)
                {
                    throw new OperationCanceledException(exception.Message, exception, callerToken);
                }
            }
        }
        catch (Exception exception) when (telemetry.Failed(exception))
        {
            throw; // not reached: the filter only records the error
        }
        finally
        {
            telemetry.Dispose();
        }
    }

    /// <summary>
    /// One attempt under one timer: the attempt timeout, or what is left of the overall timeout when that is
    /// sooner (which of the two ran out decides the failure), so a call costs one timer per attempt.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<DmsAttemptResult<T>> AttemptAsync<T>(
        DmsPipeline pipeline,
        DmsSigningContext context,
        DmsReadContext readContext,
        Func<HttpResponseMessage, DmsReadContext, CancellationToken, ValueTask<DmsAttemptResult<T>>> read,
        int attempt,
        CancellationToken callerToken,
        TimeSpan elapsed)
    {
        var settings = pipeline.Settings;
        var action = context.Request.Action;
        var overallLeft = settings.OverallTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : settings.OverallTimeout - elapsed;
        var overallFirst = overallLeft != Timeout.InfiniteTimeSpan && (settings.AttemptTimeout == Timeout.InfiniteTimeSpan || overallLeft <= settings.AttemptTimeout);
        if (overallFirst && overallLeft <= TimeSpan.Zero)
        {
            return Failed<T>(OverallTimeout(settings, null));
        }

        using var deadline = DmsDeadline.Start(callerToken, overallFirst ? overallLeft : settings.AttemptTimeout, settings.TimeProvider);
        var started = settings.Logger is null ? 0 : settings.TimeProvider.GetTimestamp(); // only a log line reports it
        try
        {
            var response = await pipeline.SendAttemptAsync(context, deadline.Token).ConfigureAwait(false);
            if (context.Misdirected(response) is { } misdirected)
            {
                response.Dispose();
                return Failed<T>(misdirected);
            }

            var result = default(DmsAttemptResult<T>);
            try
            {
                result = await read(response, readContext, deadline.Token).ConfigureAwait(false);
            }
            finally
            {
                if (!result.KeepsResponse)
                {
                    response.Dispose();
                }
            }

            if (result.Failure is { } failure)
            {
                // Masked before the log line and the span see the server's ids.
                failure.Redact(context.RedactionForms());
                result = result with { RequestId = failure.RequestId };
            }

            if (settings.Logger is { } logger)
            {
                DmsTelemetry.LogAttempt(logger, action, attempt, result.Status, result.RequestId, Elapsed(settings, started), result.Failure?.Code);
            }

            return result;
        }
        catch (OperationCanceledException exception) when (callerToken.IsCancellationRequested)
        {
            DmsTelemetry.LogAttemptFailed(settings.Logger, action, attempt, "cancelled by the caller", Elapsed(settings, started));
            throw new OperationCanceledException(exception.Message, exception, callerToken);
        }
        catch (OperationCanceledException exception) when (overallFirst && deadline.Token.IsCancellationRequested)
        {
            DmsTelemetry.LogAttemptFailed(settings.Logger, action, attempt, "overall timeout", Elapsed(settings, started));
            return Failed<T>(OverallTimeout(settings, exception));
        }
        catch (OperationCanceledException exception)
        {
            // The attempt timeout, or the caller's HttpClient.Timeout: neither is the caller's token.
            DmsTelemetry.LogAttemptFailed(settings.Logger, action, attempt, "attempt timeout", Elapsed(settings, started));
            return Failed<T>(new DmsFailure(DmsFailureKind.AttemptTimeout, DmsErrorCodes.Timeout, $"attempt {attempt} did not complete within {Seconds(settings.AttemptTimeout)}") { Inner = exception });
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            DmsTelemetry.LogAttemptFailed(settings.Logger, action, attempt, exception.GetType().Name, Elapsed(settings, started));
            return Failed<T>(DmsFailure.Unreachable(settings.Endpoint, exception));
        }
    }

    private static DmsFailure OverallTimeout(DmsClientSettings settings, Exception? inner) =>
        new(DmsFailureKind.OverallTimeout, DmsErrorCodes.Timeout, $"did not complete within the overall timeout of {Seconds(settings.OverallTimeout)}") { Inner = inner };

    private static DmsAttemptResult<T> Failed<T>(DmsFailure failure) => new(default, failure, 0, null);

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private static long Elapsed(DmsClientSettings settings, long started) => (long)settings.TimeProvider.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>Reads a response into a generated JSON model, or into a failure: every decoding problem is data here.</summary>
internal static class DmsJsonResponse
{
    public static async ValueTask<DmsAttemptResult<TResponse>> ReadAsync<TResponse>(HttpResponseMessage response, DmsReadContext context, CancellationToken cancellationToken)
        where TResponse : IDmsJsonModel<TResponse>
    {
        var status = response.StatusCode;
        var headerRequestId = HeaderRequestId(response);
        DmsResponseBody body;
        try
        {
            body = await DmsResponseBody.ReadAsync(response.Content, context.Pipeline.Settings.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (DmsBodyException exception)
        {
            return Fail<TResponse>(DmsResponseClassifier.Unreadable(exception.Code, exception.Message, status, headerRequestId, default, exception.InnerException), response, context);
        }

        using (body)
        {
            if (Judge(response, body.Span, headerRequestId, context) is { } failure)
            {
                return Fail<TResponse>(failure, response, context);
            }

            try
            {
                var value = DmsJson.Deserialize<TResponse>(body.Span);
                var requestId = headerRequestId ?? (context.WantsRequestId ? DmsResponseClassifier.ReadRequestId(body.Span) : null);
                return new(value, null, (int)status, DmsResponseClassifier.CutId(requestId));
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or NotSupportedException or System.Collections.Generic.KeyNotFoundException)
            {
                var requestId = headerRequestId ?? DmsResponseClassifier.ReadRequestId(body.Span);
                return Fail<TResponse>(DmsResponseClassifier.Unreadable(DmsErrorCodes.InvalidResponse, $"the response body does not have the shape the spec describes ({exception.Message})", status, requestId, body.Span, exception), response, context);
            }
        }
    }

    /// <summary>For a reader that streams a success: the failure an error response carries, read with the same bounds.</summary>
    /// <param name="response">The response, not a success.</param>
    /// <param name="context">The read context.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="unexpected">What the failure says when the body carries no DMS error.</param>
    public static async ValueTask<DmsFailure> ReadFailureAsync(HttpResponseMessage response, DmsReadContext context, CancellationToken cancellationToken, string unexpected = "an unexpected answer")
    {
        var headerRequestId = HeaderRequestId(response);
        try
        {
            using var body = await DmsResponseBody.ReadAsync(response.Content, context.Pipeline.Settings.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            var failure = Judge(response, body.Span, headerRequestId, context)
                ?? DmsResponseClassifier.Unreadable(DmsErrorCodes.InvalidResponse, unexpected, response.StatusCode, headerRequestId, body.Span, null);
            failure.ServerDelay = DmsRetryPolicy.ServerDelay(response.Headers, context.Pipeline.Settings.TimeProvider.GetUtcNow());
            return failure;
        }
        catch (DmsBodyException exception)
        {
            return DmsResponseClassifier.Unreadable(exception.Code, exception.Message, response.StatusCode, headerRequestId, default, exception.InnerException);
        }
    }

    private static DmsFailure? Judge(HttpResponseMessage response, ReadOnlySpan<byte> body, string? headerRequestId, DmsReadContext context) =>
        !System.Text.Unicode.Utf8.IsValid(body)
            ? DmsResponseClassifier.Unreadable(DmsErrorCodes.InvalidResponse, "the body is not valid UTF-8", response.StatusCode, headerRequestId ?? DmsResponseClassifier.ReadRequestId(body), body, null)
            : DmsResponseClassifier.Classify(response.StatusCode, body, headerRequestId, context.DeclaresSuccess);

    private static DmsAttemptResult<T> Fail<T>(DmsFailure failure, HttpResponseMessage response, DmsReadContext context)
    {
        failure.ServerDelay = DmsRetryPolicy.ServerDelay(response.Headers, context.Pipeline.Settings.TimeProvider.GetUtcNow());
        return new(default, failure, (int)response.StatusCode, failure.RequestId);
    }

    private static string? HeaderRequestId(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("x-acs-request-id", out var ids) ? ids.ToString() : null;
}
