using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Waiters;
using Dms.Codegen.Workflow.Tests.Api;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>The waiter engine on its own: a scripted poll function and a stepping fake clock.</summary>
public sealed class WaiterEngineTests
{
    private static readonly DmsWaiterPolicy Policy = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(1));

    private static readonly DmsWaiter<GetDataExportOrderDetailResponse> Finished = new(
        "ExportFinished",
        static r => r.DataExportOrderDetail?.KeyInfo?.JobStatus?.Value,
        static value => value switch
        {
            "EXPORT_SUCCESS" => DmsWaiterState.Success,
            "EXPORT_FAIL" or "PRE_CHECK_FAIL" => DmsWaiterState.Failure,
            "WAITING_APPLY_AUDIT" => DmsWaiterState.Blocked,
            _ => DmsWaiterState.Waiting,
        },
        Policy);

    internal static GetDataExportOrderDetailResponse Status(string? status) => new()
    {
        RequestId = "req-" + status,
        DataExportOrderDetail = status is null ? null : new() { KeyInfo = new() { JobStatus = new DataExportJobStatus(status) } },
    };

    [Fact]
    public async Task Polls_until_success_with_growing_jittered_delays_and_reports_every_poll()
    {
        var time = new SteppingTime();
        var script = new Script("PRE_CHECKING", "DOING_EXPORT", "DOING_EXPORT", "DOING_EXPORT", "EXPORT_SUCCESS");
        var progress = new ListProgress();
        var started = time.GetTimestamp();
        var task = Finished.WaitAsync(null, script.Poll, new DmsWaiterOptions { TimeProvider = time }, progress, CancellationToken.None);
        var delays = new List<TimeSpan>();
        while (!task.IsCompleted)
        {
            var due = await time.NextTimer();
            delays.Add(due);
            time.Advance(due);
        }

        var result = await task;
        Assert.Equal("EXPORT_SUCCESS", result.DataExportOrderDetail!.KeyInfo!.JobStatus!.Value.Value);
        Assert.Equal(5, script.Calls);
        Assert.Equal(new[] { "PRE_CHECKING", "DOING_EXPORT", "DOING_EXPORT", "DOING_EXPORT", "EXPORT_SUCCESS" }, progress.Statuses);
        Assert.Equal(4, delays.Count);
        // 2 s, 4 s, 8 s, then capped at 10 s; each jittered within 80-120 % (the cap applies before jitter).
        double[] nominal = { 2, 4, 8, 10 };
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, nominal[i] * 0.8, nominal[i] * 1.2);
        }

        Assert.Equal(time.GetElapsedTime(started), delays[0] + delays[1] + delays[2] + delays[3]);
    }

    [Theory]
    [InlineData("EXPORT_FAIL")]
    [InlineData("PRE_CHECK_FAIL")]
    public async Task A_failure_state_throws_with_the_last_response_and_its_status(string failure)
    {
        var time = new SteppingTime();
        var script = new Script("PRE_CHECKING", failure);
        var error = await Assert.ThrowsAsync<DmsWaiterException<GetDataExportOrderDetailResponse>>(
            () => time.Drive(Finished.WaitAsync(null, script.Poll, new DmsWaiterOptions { TimeProvider = time }, null, CancellationToken.None)));
        Assert.Equal(DmsWaiterState.Failure, error.Outcome);
        Assert.Equal(failure, error.Status);
        Assert.Equal("req-" + failure, error.LastResponse!.RequestId);
        Assert.Same(error.LastResponse, error.LastResponseValue);
        Assert.Equal(2, error.Polls);
        Assert.Equal("ExportFinished", error.Waiter);
        Assert.Contains(failure, error.Message);
    }

    [Fact]
    public async Task A_blocked_state_ends_at_once_without_waiting()
    {
        var time = new SteppingTime();
        var script = new Script("WAITING_APPLY_AUDIT");
        var task = Finished.WaitAsync(null, script.Poll, new DmsWaiterOptions { TimeProvider = time }, null, CancellationToken.None);
        // Blocked is decided on the first poll: no timer was ever started.
        Assert.True(task.IsCompleted);
        var error = await Assert.ThrowsAsync<DmsWaiterException<GetDataExportOrderDetailResponse>>(() => task);
        Assert.Equal(DmsWaiterState.Blocked, error.Outcome);
        Assert.Equal("WAITING_APPLY_AUDIT", error.Status);
        Assert.Equal(1, script.Calls);
    }

    [Fact]
    public async Task The_maximum_wait_ends_with_a_timeout_after_a_last_poll_at_the_limit()
    {
        var time = new SteppingTime();
        var script = new Script("DOING_EXPORT") { Repeat = true };
        var started = time.GetTimestamp();
        var options = new DmsWaiterOptions { TimeProvider = time, MaxWait = TimeSpan.FromSeconds(30), Backoff = 1.0, Delay = TimeSpan.FromSeconds(5) };
        var error = await Assert.ThrowsAsync<DmsWaiterTimeoutException<GetDataExportOrderDetailResponse>>(
            () => time.Drive(Finished.WaitAsync(null, script.Poll, options, null, CancellationToken.None)));
        Assert.Equal(DmsWaiterState.TimedOut, error.Outcome);
        Assert.Equal("DOING_EXPORT", error.Status);
        Assert.NotNull(error.LastResponse);
        Assert.Equal(TimeSpan.FromSeconds(30), time.GetElapsedTime(started));
        Assert.Equal(TimeSpan.FromSeconds(30), error.Elapsed);
        Assert.Equal(script.Calls, error.Polls);
        Assert.InRange(error.Polls, 6, 9); // 30 s of 4-6 s delays, plus the first poll
    }

    [Fact]
    public async Task Cancellation_mid_wait_is_an_OperationCanceledException_with_the_callers_token()
    {
        var time = new SteppingTime();
        var script = new Script("DOING_EXPORT") { Repeat = true };
        using var cancellation = new CancellationTokenSource();
        var task = Finished.WaitAsync(null, script.Poll, new DmsWaiterOptions { TimeProvider = time }, null, cancellation.Token);
        await time.NextTimer();
        cancellation.Cancel();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(1, script.Calls);
    }

    [Fact]
    public async Task An_undocumented_or_missing_status_keeps_waiting_and_is_reported()
    {
        var time = new SteppingTime();
        var script = new Script("SOMETHING_NEW", null, "EXPORT_SUCCESS");
        var progress = new ListProgress();
        var result = await time.Drive(Finished.WaitAsync(null, script.Poll, new DmsWaiterOptions { TimeProvider = time }, progress, CancellationToken.None));
        Assert.Equal("req-EXPORT_SUCCESS", result.RequestId);
        Assert.Equal(new[] { "SOMETHING_NEW", null, "EXPORT_SUCCESS" }, progress.Statuses);
    }

    [Fact]
    public async Task An_error_of_a_poll_propagates_unchanged()
    {
        var time = new SteppingTime();
        var script = new Script("DOING_EXPORT", "!");
        var error = await Assert.ThrowsAsync<DmsException>(() => time.Drive(Finished.WaitAsync(null, script.Poll, new DmsWaiterOptions { TimeProvider = time }, null, CancellationToken.None)));
        Assert.Equal("Forbidden", error.Code);
    }

    [Fact]
    public void Policies_reject_values_that_cannot_work()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DmsWaiterPolicy(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DmsWaiterPolicy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DmsWaiterPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 0.5, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DmsWaiterPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.With(new DmsWaiterOptions { Backoff = double.NaN }));
        var longer = Policy.With(new DmsWaiterOptions { Delay = TimeSpan.FromSeconds(30) });
        Assert.Equal(TimeSpan.FromSeconds(30), longer.MaxDelay);
    }

    /// <summary>Answers each poll with the next scripted status; "!" throws a DmsException.</summary>
    internal sealed class Script
    {
        private readonly string?[] _statuses;

        public Script(params string?[] statuses) => _statuses = statuses;

        public bool Repeat { get; init; }

        public int Calls { get; private set; }

        public Task<GetDataExportOrderDetailResponse> Poll(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var status = _statuses[Repeat ? Math.Min(Calls, _statuses.Length - 1) : Calls];
            Calls++;
            return status == "!" ? Task.FromException<GetDataExportOrderDetailResponse>(new DmsException("denied", "Forbidden")) : Task.FromResult(Status(status));
        }
    }

    /// <summary>Synchronous progress (Progress&lt;T&gt; posts to the thread pool, which would make the order racy).</summary>
    internal sealed class ListProgress : IProgress<GetDataExportOrderDetailResponse>
    {
        public List<string?> Statuses { get; } = new();

        public void Report(GetDataExportOrderDetailResponse value) => Statuses.Add(value.DataExportOrderDetail?.KeyInfo?.JobStatus?.Value);
    }
}
