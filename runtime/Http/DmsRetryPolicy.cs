using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Http;

/// <summary>
/// Every rule about trying again: what is transient, how long to wait, when to give up. The client's own
/// retry loop and the streaming call ask <c>NextDelay</c> about a failure as data; the static members serve users who configure another retry
/// handler (for example <c>ShouldHandle</c> of the standard resilience handler).
/// </summary>
public sealed class DmsRetryPolicy
{
    private readonly DmsRetryOptions _options;
    private readonly TimeSpan _overallTimeout;

    internal DmsRetryPolicy(DmsRetryOptions options, TimeSpan overallTimeout)
    {
        _options = options;
        _overallTimeout = overallTimeout;
    }

    /// <summary>Throttling (any code containing "Throttling", which DMS sends with HTTP 400), HTTP 429, and every 5xx. Never other 4xx.</summary>
    public static bool IsTransient(HttpStatusCode? status, string? code) =>
        code?.Contains("Throttling", StringComparison.OrdinalIgnoreCase) == true
        || status is HttpStatusCode.TooManyRequests
        || (int?)status >= 500;

    /// <summary>Whether <paramref name="error"/> is worth another attempt (see <see cref="IsTransient"/>; timeouts and dropped connections are too).</summary>
    public static bool IsRetriable(DmsException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is DmsTimeoutException || error.Code == DmsErrorCodes.TransportError || IsTransient(error.StatusCode, error.Code);
    }

    /// <summary>
    /// For another retry handler's <c>ShouldHandle</c>: whether DMS's <paramref name="response"/> is transient.
    /// Reads (and buffers) the body only for a 4xx, where DMS puts <c>Throttling.User</c>.
    /// </summary>
    public static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (status < 400 || IsTransient(response.StatusCode, null))
        {
            return status >= 400;
        }

        byte[] body;
        try
        {
            // Buffered, so that whoever reads the response next still can; bounded like the client's own reads.
            await response.Content.LoadIntoBufferAsync(DmsClientOptions.DefaultMaxResponseBytes).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return false;
        }

        return System.Text.Unicode.Utf8.IsValid(body)
            && DmsResponseClassifier.Classify(response.StatusCode, body, null, declaresSuccess: false) is { } failure
            && IsTransient(failure.Status, failure.Code);
    }

    /// <summary>
    /// The server's wish, if it sent one: <c>x-acs-retry-after</c> (milliseconds, as Alibaba's core reads it)
    /// or the standard <c>Retry-After</c> (seconds or an HTTP date); a number of either too large to read counts as a
    /// day (longer than any MaxDelay), so that it ends the retries as a large one does.
    /// </summary>
    public static TimeSpan? ServerDelay(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.NonValidated.TryGetValues("x-acs-retry-after", out var values))
        {
            foreach (var value in values)
            {
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
                {
                    return TimeSpan.FromMilliseconds(Math.Min(milliseconds, (long)TimeSpan.FromDays(1).TotalMilliseconds));
                }

                if (IsDigits(value))
                {
                    return Overlong;
                }
            }
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }
        else if (headers.NonValidated.TryGetValues("Retry-After", out var raw) && IsDigits(raw.ToString()))
        {
            return Overlong; // delta-seconds beyond what the header's parser reads
        }

        return null;
    }

    // A wait too long to be read as a number is a long wait (so, past MaxDelay, no retry), not no wish at all.
    private static readonly TimeSpan Overlong = TimeSpan.FromDays(1);

    private static bool IsDigits(string? text) => text?.Trim() is { Length: > 0 } digits && !digits.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>Exponential back-off with jitter: base × 2^(attempt−1), scaled by a random 50–100 %, capped.</summary>
    public static TimeSpan Backoff(DmsRetryOptions options, int attempt, double random)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var jittered = exponential * (0.5 + (random * 0.5));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
    }

    /// <summary>
    /// How long to wait before the next attempt, or null to give up now with this failure: it is not transient,
    /// the attempts are used up, the server asks for a wait beyond <see cref="DmsRetryOptions.MaxDelay"/> (a
    /// retry it said would fail), or the wait would outlast the overall timeout (the caller learns the real cause
    /// rather than a certain timeout).
    /// </summary>
    internal TimeSpan? NextDelay(DmsFailure failure, int attempt, TimeSpan elapsed)
    {
        var transient = failure.Kind switch
        {
            DmsFailureKind.Transport or DmsFailureKind.AttemptTimeout => true,
            DmsFailureKind.Service or DmsFailureKind.InvalidResponse => IsTransient(failure.Status, failure.Kind == DmsFailureKind.Service ? failure.Code : null),
            _ => false,
        };
        if (!transient || attempt >= _options.MaxAttempts)
        {
            return null;
        }

        var delay = failure.ServerDelay ?? Backoff(_options, attempt, Random.Shared.NextDouble());
        if (failure.ServerDelay > _options.MaxDelay)
        {
            return null;
        }

        return _overallTimeout == Timeout.InfiniteTimeSpan || elapsed + delay < _overallTimeout ? delay : null;
    }
}
