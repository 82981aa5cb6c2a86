using System;

namespace Dms.Codegen.Waiters;

/// <summary>
/// How often a waiter polls and for how long: the first delay, a back-off factor applied after each poll,
/// the longest delay, and the maximum wait. Each delay is jittered (80–120 %) so that many waiters started
/// together do not poll in step. Generated waiters carry their spec's policy; <see cref="DmsWaiterOptions"/>
/// overrides it per call.
/// </summary>
public sealed record DmsWaiterPolicy
{
    /// <summary>Creates a policy; throws <see cref="ArgumentOutOfRangeException"/> for values that cannot work.</summary>
    public DmsWaiterPolicy(TimeSpan delay, TimeSpan maxDelay, double backoff, TimeSpan maxWait)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        }

        if (maxDelay < delay)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay, "The maximum delay must be at least the delay.");
        }

        if (!(backoff >= 1.0 && backoff <= 10.0))
        {
            throw new ArgumentOutOfRangeException(nameof(backoff), backoff, "The back-off factor must be between 1 and 10.");
        }

        if (maxWait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "The maximum wait must be positive.");
        }

        Delay = delay;
        MaxDelay = maxDelay;
        Backoff = backoff;
        MaxWait = maxWait;
    }

    /// <summary>The wait after the first poll.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The longest wait between two polls.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>The factor each wait grows by (1: a fixed delay).</summary>
    public double Backoff { get; }

    /// <summary>How long the waiter polls in all before it gives up with a timeout.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>The nominal wait after poll <paramref name="poll"/> (1-based), before jitter.</summary>
    public TimeSpan DelayAfter(int poll)
    {
        var ticks = Delay.Ticks * Math.Pow(Backoff, Math.Min(poll - 1, 64));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>This policy with the values <paramref name="options"/> sets.</summary>
    public DmsWaiterPolicy With(DmsWaiterOptions? options)
    {
        if (options is null || (options.Delay is null && options.MaxDelay is null && options.Backoff is null && options.MaxWait is null))
        {
            return this;
        }

        var delay = options.Delay ?? Delay;
        var maxDelay = options.MaxDelay ?? (delay > MaxDelay ? delay : MaxDelay);
        return new DmsWaiterPolicy(delay, maxDelay, options.Backoff ?? Backoff, options.MaxWait ?? MaxWait);
    }
}

/// <summary>Per-call settings of a generated <c>Wait…Async</c> method; every value left null keeps the spec's.</summary>
public sealed class DmsWaiterOptions
{
    /// <summary>The wait after the first poll.</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>The longest wait between two polls.</summary>
    public TimeSpan? MaxDelay { get; set; }

    /// <summary>The factor each wait grows by (1: a fixed delay).</summary>
    public double? Backoff { get; set; }

    /// <summary>How long to poll in all before giving up with <see cref="DmsWaiterTimeoutException{TResponse}"/>.</summary>
    public TimeSpan? MaxWait { get; set; }

    /// <summary>The clock to wait on; null: the client's <see cref="DmsClientOptions.TimeProvider"/> (for a mocked client, the system clock).</summary>
    public TimeProvider? TimeProvider { get; set; }
}
