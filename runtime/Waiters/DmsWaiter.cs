using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Waiters;

/// <summary>
/// One waiter of an operation, as its spec declares it: where the status is, what each value means, and the
/// polling policy. Generated <c>Wait…Async</c> extension methods hold one of these and call
/// <see cref="WaitAsync"/> with the operation's client call, so a mocked client gets waiters too.
/// </summary>
/// <typeparam name="TResponse">The polled operation's response.</typeparam>
public sealed class DmsWaiter<TResponse>
    where TResponse : class
{
    private readonly Func<TResponse, string?> _readStatus;
    private readonly Func<string, DmsWaiterState> _classify;

    /// <summary>Creates a waiter.</summary>
    /// <param name="name">The waiter's name, for messages.</param>
    /// <param name="readStatus">Reads the status value from a response as DMS sent it; null when absent.</param>
    /// <param name="classify">What a present status value means; undocumented values must map to <see cref="DmsWaiterState.Waiting"/>.</param>
    /// <param name="policy">The spec's polling policy.</param>
    public DmsWaiter(string name, Func<TResponse, string?> readStatus, Func<string, DmsWaiterState> classify, DmsWaiterPolicy policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(readStatus);
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(policy);
        Name = name;
        _readStatus = readStatus;
        _classify = classify;
        Policy = policy;
    }

    /// <summary>The waiter's name.</summary>
    public string Name { get; }

    /// <summary>The spec's polling policy.</summary>
    public DmsWaiterPolicy Policy { get; }

    /// <summary>What <paramref name="response"/> means to this waiter; a missing status keeps waiting.</summary>
    public DmsWaiterState Classify(TResponse response, out string? status)
    {
        ArgumentNullException.ThrowIfNull(response);
        status = _readStatus(response);
        return status is null ? DmsWaiterState.Waiting : _classify(status);
    }

    /// <summary>
    /// Polls at once, then after each jittered, growing delay, until the status is a success (returns that
    /// response), a failure or blocked state (throws <see cref="DmsWaiterException{TResponse}"/>), or the
    /// maximum wait passes (throws <see cref="DmsWaiterTimeoutException{TResponse}"/> after one last poll at
    /// the limit). Each response goes to <paramref name="progress"/> before it is judged. Errors of a poll
    /// propagate as they are: the client's pipeline has already retried what is transient.
    /// </summary>
    /// <param name="client">The client polled, whose clock is used unless <paramref name="options"/> names one.</param>
    /// <param name="poll">One call of the operation.</param>
    /// <param name="options">Overrides of the policy and the clock.</param>
    /// <param name="progress">Receives every response.</param>
    /// <param name="cancellationToken">Cancels the wait and the poll in flight.</param>
    public async Task<TResponse> WaitAsync(object? client, Func<CancellationToken, Task<TResponse>> poll, DmsWaiterOptions? options, IProgress<TResponse>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var policy = Policy.With(options);
        var clock = options?.TimeProvider ?? (client as DmsClientBase)?.Clock ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        for (var polls = 1; ; polls++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await poll(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The poll of waiter {Name} returned null.");
            progress?.Report(response);
            var state = Classify(response, out var status);
            var elapsed = clock.GetElapsedTime(started);
            switch (state)
            {
                case DmsWaiterState.Success:
                    return response;
                case DmsWaiterState.Failure:
                case DmsWaiterState.Blocked:
                    throw new DmsWaiterException<TResponse>(Describe(state, status, polls, elapsed), Name, state, status, polls, elapsed, response);
            }

            var remaining = policy.MaxWait - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new DmsWaiterTimeoutException<TResponse>(Describe(DmsWaiterState.TimedOut, status, polls, elapsed, policy.MaxWait), Name, status, polls, elapsed, response);
            }

            var delay = Jitter(policy.DelayAfter(polls));
            await Task.Delay(delay < remaining ? delay : remaining, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Jitter(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (0.4 * Random.Shared.NextDouble()))));

    private string Describe(DmsWaiterState state, string? status, int polls, TimeSpan elapsed, TimeSpan maxWait = default)
    {
        var seconds = elapsed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var value = status is null ? "no status" : "status " + status;
        return state switch
        {
            DmsWaiterState.Failure => $"Waiter {Name} failed: {value} is a failure state (after {polls} polls, {seconds} s).",
            DmsWaiterState.Blocked => $"Waiter {Name} stopped: {value} waits for an approval or another call, so polling would not change it (after {polls} polls, {seconds} s).",
            _ => $"Waiter {Name} timed out after {maxWait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({polls} polls); the last poll had {value}.",
        };
    }
}
