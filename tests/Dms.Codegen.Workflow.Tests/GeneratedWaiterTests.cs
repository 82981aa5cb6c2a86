using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Waiters;
using Dms.Codegen.Workflow.Tests.Api;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>The waiters generated from specs/GetDataExportOrderDetail.yaml and specs/GetDataTrackJobDegree.yaml.</summary>
public sealed class GeneratedWaiterTests
{
    [Fact]
    public async Task A_mocked_client_gets_waiters_and_a_first_poll_after_the_awaited_state_succeeds_at_once()
    {
        var (client, mock) = MockClient.Create();
        var requests = new List<long>();
        mock.On<GetDataExportOrderDetailRequest, GetDataExportOrderDetailResponse>("GetDataExportOrderDetail", request =>
        {
            requests.Add(request.OrderId);
            return WaiterEngineTests.Status("EXPORT_SUCCESS");
        });
        // A target-typed new() compiles only because waiter names are unique across specs/*.yaml (DMS0045).
        var task = client.WaitExportPrecheckFinishedAsync(new() { OrderId = 7 });
        Assert.True(task.IsCompleted); // no delay was needed: EXPORT_SUCCESS is in the precheck waiter's success set
        Assert.Equal("EXPORT_SUCCESS", (await task).DataExportOrderDetail!.KeyInfo!.JobStatus!.Value.Value);
        Assert.Equal(new long[] { 7 }, requests);
    }

    [Theory]
    [InlineData("WAITING_APPLY_AUDIT", DmsWaiterState.Blocked)]
    [InlineData("ENABLE_EXPORT", DmsWaiterState.Blocked)]
    [InlineData("PRE_CHECK_FAIL", DmsWaiterState.Failure)]
    [InlineData("EXPORT_FAIL", DmsWaiterState.Failure)]
    public async Task The_export_waiter_ends_on_failure_and_on_a_ticket_that_waits_for_a_person_or_a_call(string status, DmsWaiterState outcome)
    {
        var (client, mock) = MockClient.Create();
        mock.On<GetDataExportOrderDetailRequest, GetDataExportOrderDetailResponse>("GetDataExportOrderDetail", _ => WaiterEngineTests.Status(status));
        var error = await Assert.ThrowsAsync<DmsWaiterException<GetDataExportOrderDetailResponse>>(() => client.WaitExportFinishedAsync(new() { OrderId = 7 }));
        Assert.Equal(outcome, error.Outcome);
        Assert.Equal(status, error.Status);
        Assert.Equal(1, error.Polls);
    }

    [Fact]
    public async Task The_tracking_waiter_reports_each_poll_and_polls_through_the_clients_retry_pipeline_on_its_clock()
    {
        var time = new SteppingTime();
        var statuses = new[] { "INIT", "LISTING", "DOWNLOADING", "FILTERING", "FILTER_SUCCESS" };
        var polls = 0;
        await using var server = await LoopbackServer.StartAsync(async (context, number) =>
        {
            // The third request is a transient 503; the client retries it (on the same fake clock) within one poll.
            if (number == 3)
            {
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("""{"Code":"ServiceUnavailable","Message":"busy","RequestId":"r503"}""");
                return;
            }

            var status = statuses[Math.Min(polls++, statuses.Length - 1)];
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"RequestId":"r{{{number}}}","Success":true,"JobDegree":{"JobStatus":"{{{status}}}","FilterCompletionDegree":{{{polls / 5.0}}}}}""");
        });
        using var client = new DmsClient(new DmsClientOptions
        {
            Endpoint = server.Endpoint,
            Credentials = DmsCredentials.AccessKey("testid", "testsecret"),
            TimeProvider = time,

            // The stepping clock races ahead while a real loopback request is in flight; the call's own
            // timeouts run on that clock too, so they are off here (they are tested on their own elsewhere).
            AttemptTimeout = System.Threading.Timeout.InfiniteTimeSpan,
            OverallTimeout = System.Threading.Timeout.InfiniteTimeSpan,
        });
        var progress = new List<string?>();
        var result = await time.Drive(client.WaitDataTrackJobFinishedAsync(new() { OrderId = 321 }, progress: new SyncProgress<GetDataTrackJobDegreeResponse>(r => progress.Add(r.JobDegree?.JobStatus?.Value))));
        Assert.Equal("FILTER_SUCCESS", result.JobDegree!.JobStatus!.Value.Value);
        Assert.Equal(statuses, progress);
        Assert.Equal(6, server.RequestCount); // five polls, one of them retried
    }

    [Fact]
    public async Task The_maximum_wait_of_a_call_overrides_the_spec_and_ends_with_the_last_response()
    {
        var time = new SteppingTime();
        var (client, mock) = MockClient.Create();
        mock.On<GetDataTrackJobDegreeRequest, GetDataTrackJobDegreeResponse>("GetDataTrackJobDegree", _ => new() { RequestId = "last", JobDegree = new() { JobStatus = DataTrackJobStatus.Downloading } });
        var started = time.GetTimestamp();
        var error = await Assert.ThrowsAsync<DmsWaiterTimeoutException<GetDataTrackJobDegreeResponse>>(() =>
            time.Drive(client.WaitDataTrackJobFinishedAsync(new() { OrderId = 1 }, new DmsWaiterOptions { MaxWait = TimeSpan.FromSeconds(20), TimeProvider = time })));
        Assert.Equal(TimeSpan.FromSeconds(20), time.GetElapsedTime(started));
        Assert.Equal("last", error.LastResponse!.RequestId);
        Assert.Equal("DOWNLOADING", error.Status);
    }

    private sealed class SyncProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public SyncProgress(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }
}
