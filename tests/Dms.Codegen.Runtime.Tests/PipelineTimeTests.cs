using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Workflow.Tests;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// Waits, timeouts and cancellation against a real server on 127.0.0.1, on a fake clock: the test moves time,
/// so nothing sleeps for real and nothing depends on how loaded the machine is.
/// </summary>
public class PipelineTimeTests
{
    [Fact]
    public async Task RetriesThrottlingHonouringRetryAfter()
    {
        await using var server = await LoopbackServer.StartAsync((c, n) =>
        {
            if (n == 1)
            {
                c.Response.Headers["x-acs-retry-after"] = "300";
                return LoopbackServer.Json(c, """{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"t1"}""", 400);
            }

            return LoopbackServer.Json(c, LoopbackServer.DegreeBody);
        });
        var clock = new SteppingTime();
        using var client = TestClients.Create(server.Endpoint, o => OnClockWithoutTimeouts(o, clock));

        var call = client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal(TimeSpan.FromMilliseconds(300), await NextWait(clock)); // x-acs-retry-after is in milliseconds
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.Equal(1, server.RequestCount); // not retried before the wait is over
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("req-ok", (await call).RequestId);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task RetriesA503WithStandardRetryAfter()
    {
        await using var server = await LoopbackServer.StartAsync((c, n) =>
        {
            if (n == 1)
            {
                c.Response.Headers.RetryAfter = "1";
                return LoopbackServer.Json(c, """{"Code":"ServiceUnavailable","Message":"busy","RequestId":"u1"}""", 503);
            }

            return LoopbackServer.Json(c, LoopbackServer.DegreeBody);
        });
        var clock = new SteppingTime();
        using var client = TestClients.Create(server.Endpoint, o => OnClockWithoutTimeouts(o, clock));

        var call = client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal(TimeSpan.FromSeconds(1), await NextWait(clock)); // Retry-After: 1 is in seconds
        Assert.Equal(1, server.RequestCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        await call;
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task AnAttemptTimeoutIsATimeoutErrorAndIsRetried()
    {
        await using var server = await LoopbackServer.StartAsync(LoopbackServer.NeverAnswer);
        var clock = new SteppingTime();
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            OnClockWithoutTimeouts(o, clock);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.Retry.MaxAttempts = 2;
        });

        var call = client.GetDataTrackJobDegreeAsync(TestClients.Degree());
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(150), await NextWait(clock));
            await server.ArrivalAsync(); // the attempt is in flight when its time is up
            clock.Advance(TimeSpan.FromMilliseconds(150));
        }

        var exception = await Assert.ThrowsAsync<DmsTimeoutException>(() => call);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(2, exception.Attempts);
        Assert.Equal("Timeout", exception.Code);
        Assert.Contains("attempt 2 did not complete within 0.15 s", exception.Message);
    }

    [Fact]
    public async Task TheCallersCancellationIsAnOperationCanceledExceptionNotATimeout()
    {
        await using var server = await LoopbackServer.StartAsync(LoopbackServer.NeverAnswer);
        using var client = TestClients.Create(server.Endpoint, o => o.TimeProvider = new SteppingTime());
        using var cancellation = new CancellationTokenSource();

        var call = client.GetDataTrackJobDegreeAsync(TestClients.Degree(), cancellation.Token);
        await server.ArrivalAsync();
        cancellation.Cancel();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task AWaitBeyondTheOverallBudgetEndsTheCallWithTheRealErrorAtOnce()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            c.Response.Headers["x-acs-retry-after"] = "10000";
            return LoopbackServer.Json(c, """{"Code":"Throttling","Message":"slow down","RequestId":"T9"}""", 400);
        });
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.OverallTimeout = TimeSpan.FromSeconds(5);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(20);
        });

        // Sleeping 10 s inside a 5 s budget could only end in a timeout; the caller gets the throttling error instead.
        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));
        Assert.Equal("Throttling", exception.Code);
        Assert.Equal("T9", exception.RequestId);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task AServerWaitLongerThanMaxDelayIsNotCutShort()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            c.Response.Headers.RetryAfter = "120";
            return LoopbackServer.Json(c, """{"Code":"ServiceUnavailable","Message":"later"}""", 503);
        });
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task TheOverallTimeoutEndsAnAttemptInFlight()
    {
        await using var server = await LoopbackServer.StartAsync(LoopbackServer.NeverAnswer);
        var clock = new SteppingTime();
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.TimeProvider = clock;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.OverallTimeout = TimeSpan.FromMilliseconds(200);
        });

        var call = client.GetDataTrackJobDegreeAsync(TestClients.Degree());
        await server.ArrivalAsync();
        clock.Advance(TimeSpan.FromMilliseconds(200)); // the overall timeout, long before the attempt's

        var exception = await Assert.ThrowsAsync<DmsTimeoutException>(() => call);

        Assert.Contains("overall timeout", exception.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task CancellingDuringABackOffWaitGivesTheCallersToken()
    {
        using var cancellation = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            c.Response.Headers["x-acs-retry-after"] = "5000";
            return LoopbackServer.Json(c, """{"Code":"Throttling.User","Message":"slow down"}""", 400);
        });
        var clock = new SteppingTime();
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            OnClockWithoutTimeouts(o, clock);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        });

        var call = client.GetDataTrackJobDegreeAsync(TestClients.Degree(), cancellation.Token);
        Assert.Equal(TimeSpan.FromSeconds(5), await NextWait(clock)); // the client waits for the retry
        cancellation.Cancel();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task TimeoutsCanBeTurnedOff()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.OverallTimeout = Timeout.InfiniteTimeSpan;
        });

        Assert.Equal("req-ok", (await client.GetDataTrackJobDegreeAsync(TestClients.Degree())).RequestId);
        Assert.Throws<ArgumentException>(() => TestClients.Create(server.Endpoint, o => o.OverallTimeout = TimeSpan.FromDays(30)));
    }

    /// <summary>A fake clock and no attempt or overall timeout, so that the only timers started are the client's waits.</summary>
    private static void OnClockWithoutTimeouts(DmsClientOptions options, SteppingTime clock)
    {
        options.TimeProvider = clock;
        options.AttemptTimeout = Timeout.InfiniteTimeSpan;
        options.OverallTimeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The due time of the next timer the client starts that is not already due (a zero back-off needs none).</summary>
    private static async Task<TimeSpan> NextWait(SteppingTime clock)
    {
        var due = await clock.NextTimer();
        return due == TimeSpan.Zero ? await NextWait(clock) : due;
    }
}
