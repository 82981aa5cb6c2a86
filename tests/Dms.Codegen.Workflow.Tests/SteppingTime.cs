using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code starts waiting on it, so a test moves the clock exactly
/// to each timer's due time instead of guessing: waiters, back-off and idle timeouts run with no real sleep.
/// </summary>
public sealed class SteppingTime : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public SteppingTime()
        : base(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Runs <paramref name="task"/> to its end: each time it starts a timer, the clock moves to that timer's due
    /// time. A task that neither ends nor waits within 10 s of real time fails the test.
    /// </summary>
    public async Task<T> Drive<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            var next = _timers.Reader.ReadAsync().AsTask();
            var done = await Task.WhenAny(task, next).WaitAsync(TimeSpan.FromSeconds(10));
            if (done == next)
            {
                Advance(next.Result);
            }
        }

        return await task;
    }

    /// <summary>
    /// Leaves the clock alone until <paramref name="ready"/> holds when a timer starts, then moves it to that
    /// timer's due time: for an idle timeout that must fire at one chosen read and not before.
    /// </summary>
    public async Task AdvancePastFirstTimerAfter(Func<bool> ready)
    {
        while (true)
        {
            var due = await NextTimer();
            if (ready())
            {
                Advance(due);
                return;
            }
        }
    }

    /// <summary>Waits (10 s at most) until some code starts a timer, and returns its due time without moving the clock.</summary>
    public async Task<TimeSpan> NextTimer() => await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
