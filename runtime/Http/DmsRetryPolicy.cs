using System;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Dms.Codegen.Http;

/// <summary>What is worth another attempt, and how long to wait first.</summary>
public static class DmsRetryPolicy
{
    /// <summary>Throttling (any code containing "Throttling"), HTTP 429, and every 5xx. Never other 4xx.</summary>
    public static bool IsRetriable(DmsException error) =>
        error.Code?.Contains("Throttling", StringComparison.OrdinalIgnoreCase) == true
        || error.StatusCode is HttpStatusCode.TooManyRequests
        || (int?)error.StatusCode >= 500;

    /// <summary>
    /// The server's wish, if it sent one: <c>x-acs-retry-after</c> (milliseconds, as Alibaba's core reads it)
    /// or the standard <c>Retry-After</c> (seconds or an HTTP date).
    /// </summary>
    public static TimeSpan? ServerDelay(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValues("x-acs-retry-after", out var values))
        {
            foreach (var value in values)
            {
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
                {
                    return TimeSpan.FromMilliseconds(milliseconds);
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

        return null;
    }

    /// <summary>Exponential back-off with jitter: base × 2^(attempt−1), scaled by a random 50–100 %, capped.</summary>
    public static TimeSpan Backoff(DmsRetryOptions options, int attempt, double random)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var jittered = exponential * (0.5 + (random * 0.5));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
    }
}
