using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.EndToEnd;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>The ticket workflows end to end through the generated client, with each seeded failure and wrong-state calls.</summary>
public class WorkflowTests
{
    [Fact]
    public async Task ASqlResultSetExportGoesFromCreationToADownloadableFile()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);

        var orderId = await Tickets.CreateExportAsync(client, rows: 3);
        var seen = new List<string> { await ExportStatusAsync(client, orderId), await ExportStatusAsync(client, orderId) };
        var precheck = await client.GetDataExportPreCheckDetailAsync(new() { OrderId = orderId });
        var workflow = await Tickets.SubmitAsync(client, orderId);
        seen.Add(await ExportStatusAsync(client, orderId));
        await Tickets.ApproveAsync(client, workflow);
        seen.Add(await ExportStatusAsync(client, orderId));
        await client.ExecuteDataExportAsync(new() { OrderId = orderId });
        while (seen[^1] is not ("EXPORT_SUCCESS" or "EXPORT_FAIL"))
        {
            seen.Add(await ExportStatusAsync(client, orderId));
        }

        var url = (await client.GetDataExportDownloadURLAsync(new() { OrderId = orderId })).DownloadURLResult!;
        using var http = new HttpClient();
        var file = await http.GetStringAsync(url.URL);

        Assert.Equal(new[] { "PRE_CHECKING", "PRE_CHECK_SUCCESS", "APPLY_AUDIT_SUCCESS", "ENABLE_EXPORT", "WAITING_EXPORT", "DOING_EXPORT", "EXPORT_SUCCESS" }, seen);
        Assert.Equal(Tickets.Sql, precheck.PreCheckResult!.PreCheckDetailList!.PreCheckDetailList!.Single().SQL);
        Assert.True(url.HasResult);
        Assert.StartsWith(emulator.Endpoint.ToString(), url.URL);
        Assert.Equal(4, file.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("order_id,customer,amount,created_at\n1,customer-1,", file);
        Assert.Equal("success", await Tickets.StatusAsync(client, orderId));
        var detail = (await client.GetDataExportOrderDetailAsync(new() { OrderId = orderId })).DataExportOrderDetail!.OrderDetail!;
        Assert.Equal((Tickets.Sql, 2001L, 3L), (detail.ExeSQL, detail.DbId!.Value, detail.ActualAffectRows!.Value));
    }

    [Fact]
    public async Task AFailingPrecheckEndsTheExportTicketAndSubmittingItIsAWrongStateError()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        emulator.State.SeedNextTicket(TicketFailure.PrecheckFails);

        var orderId = await Tickets.CreateExportAsync(client);
        await ExportStatusAsync(client, orderId);

        Assert.Equal("PRE_CHECK_FAIL", await ExportStatusAsync(client, orderId));
        var error = await Assert.ThrowsAsync<DmsException>(() => client.SubmitOrderApprovalAsync(new() { OrderId = orderId }));
        Assert.Equal("InvalidOrderStatus", error.Code);
        Assert.NotNull(error.RequestId);
        Assert.Equal("fail", (await client.ListOrdersAsync(new())).Orders!.Order!.Single(o => o.OrderId == orderId).StatusCode!.Value.Value);
    }

    [Fact]
    public async Task ASeededExportFailureEndsInExportFailWithNoFile()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        var orderId = await Tickets.CreateExportAsync(client);
        Assert.True(emulator.State.SeedFailure(orderId, TicketFailure.ExecutionFails));

        await ExportStatusAsync(client, orderId);
        await ExportStatusAsync(client, orderId);
        await Tickets.ApproveAsync(client, await Tickets.SubmitAsync(client, orderId));
        await client.ExecuteDataExportAsync(new() { OrderId = orderId });
        var statuses = new[] { await ExportStatusAsync(client, orderId), await ExportStatusAsync(client, orderId), await ExportStatusAsync(client, orderId) };

        Assert.Equal("EXPORT_FAIL", statuses[^1]);
        var url = (await client.GetDataExportDownloadURLAsync(new() { OrderId = orderId })).DownloadURLResult!;
        Assert.False(url.HasResult);
        Assert.Equal(string.Empty, url.URL);
    }

    [Fact]
    public async Task ARejectedApprovalEndsTheTicketAndExecutingItIsAWrongStateError()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        var orderId = await Tickets.CreateExportAsync(client);
        await ExportStatusAsync(client, orderId);
        await ExportStatusAsync(client, orderId);
        var workflow = await Tickets.SubmitAsync(client, orderId);

        var early = await Assert.ThrowsAsync<DmsException>(() => client.ExecuteDataExportAsync(new() { OrderId = orderId }));
        await Tickets.ApproveAsync(client, workflow, "REJECT");

        Assert.Equal("InvalidOrderStatus", early.Code);
        Assert.Contains("ENABLE_EXPORT", early.ServiceMessage);
        Assert.Equal("reject", await Tickets.StatusAsync(client, orderId));
        Assert.Equal("REJECT", (await client.GetApprovalDetailAsync(new() { WorkflowInstanceId = workflow })).ApprovalDetail!.WorkflowInsCode!.Value.Value);
        Assert.Equal("InvalidOrderStatus", (await Assert.ThrowsAsync<DmsException>(() => Tickets.ApproveAsync(client, workflow))).Code);
    }

    [Fact]
    public async Task ASeededRejectionIsTheApproversAnswerAfterSubmission()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        emulator.State.SeedNextTicket(TicketFailure.ApprovalRejected);
        var orderId = (await client.CreateOrderAsync(new() { Comment = "generic", PluginType = "DC_COMMON", PluginParam = new Dictionary<string, System.Text.Json.JsonElement>() })).CreateOrderResult!.OrderIds!.Single();

        Assert.Equal("new", await Tickets.StatusAsync(client, orderId));
        await client.SubmitOrderApprovalAsync(new() { OrderId = orderId });
        var statuses = new[] { await Tickets.StatusAsync(client, orderId), await Tickets.StatusAsync(client, orderId) };
        var workflow = (await client.GetOrderBaseInfoAsync(new() { OrderId = orderId })).OrderBaseInfo!.WorkflowInstanceId!.Value;

        Assert.Equal(new[] { "toaudit", "reject" }, statuses);
        Assert.Equal(orderId, (await client.GetApprovalDetailAsync(new() { WorkflowInstanceId = workflow })).ApprovalDetail!.OrderId);
    }

    [Fact]
    public async Task AGenericTicketRunsAfterApprovalAndAClosedTicketCannotBeClosedAgain()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        var first = (await client.CreateOrderAsync(new() { Comment = "first", PluginType = "DC_COMMON", PluginParam = new Dictionary<string, System.Text.Json.JsonElement>() })).CreateOrderResult!.OrderIds!.Single();
        var second = (await client.CreateOrderAsync(new() { Comment = "second", PluginType = "DC_COMMON", PluginParam = new Dictionary<string, System.Text.Json.JsonElement>() })).CreateOrderResult!.OrderIds!.Single();

        await Tickets.ApproveAsync(client, await Tickets.SubmitAsync(client, first));
        var run = new[] { await Tickets.StatusAsync(client, first), await Tickets.StatusAsync(client, first), await Tickets.StatusAsync(client, first) };
        await client.CloseOrderAsync(new() { OrderId = second, CloseReason = "not needed" });

        Assert.Equal(new[] { "processing", "processing", "success" }, run);
        Assert.Equal("closed", await Tickets.StatusAsync(client, second));
        Assert.Equal("InvalidOrderStatus", (await Assert.ThrowsAsync<DmsException>(() => client.CloseOrderAsync(new() { OrderId = second, CloseReason = "again" }))).Code);
        Assert.Equal("InvalidOrderId", (await Assert.ThrowsAsync<DmsException>(() => client.GetOrderBaseInfoAsync(new() { OrderId = 999 }))).Code);
    }

    [Fact]
    public async Task ADatabaseExportRunsAfterApprovalAndServesItsDump()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        var orderId = await Tickets.CreateDatabaseExportAsync(client);

        var before = (await client.GetDbExportDownloadURLAsync(new() { OrderId = orderId })).DownloadURLResult!;
        await Tickets.ApproveAsync(client, await Tickets.SubmitAsync(client, orderId));
        string? url = null;
        for (var i = 0; i < 5 && string.IsNullOrEmpty(url); i++)
        {
            url = (await client.GetDatabaseExportOrderDetailAsync(new() { OrderId = orderId })).DatabaseExportOrderDetail!.KeyInfo!.DownloadURL;
        }

        var download = (await client.GetDbExportDownloadURLAsync(new() { OrderId = orderId })).DownloadURLResult!;
        using var http = new HttpClient();

        Assert.False(before.HasResult);
        Assert.True(download.HasResult);
        Assert.Equal(url, download.URL);
        Assert.Contains("CREATE TABLE `orders`", await http.GetStringAsync(download.URL));
        Assert.Equal("InvalidOrderId", (await Assert.ThrowsAsync<DmsException>(() => client.GetDataExportDownloadURLAsync(new() { OrderId = orderId }))).Code);
    }

    [Fact]
    public async Task ADataTrackingJobRaisesItsDegreesAndThenServesItsResults()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        var orderId = await Tickets.CreateTrackAsync(client);

        var tooEarly = await Assert.ThrowsAsync<DmsException>(() => client.SearchDataTrackResultAsync(new() { OrderId = orderId }));
        await Tickets.ApproveAsync(client, await Tickets.SubmitAsync(client, orderId));
        var degrees = new List<GetDataTrackJobDegreeResponse.Types.JobDegree>();
        do
        {
            degrees.Add((await client.GetDataTrackJobDegreeAsync(new() { OrderId = orderId })).JobDegree!);
        }
        while (degrees[^1].JobStatus != DataTrackJobStatus.FilterSuccess && degrees.Count < 40);

        var detail = (await client.GetDataTrackOrderDetailAsync(new() { OrderId = orderId })).DataTrackOrderDetail!;
        var search = (await client.SearchDataTrackResultAsync(new() { OrderId = orderId })).TrackResult!;
        var key = (await client.DownloadDataTrackResultAsync(new() { OrderId = orderId, RollbackSQLType = new DownloadDataTrackResultRollbackSQLType("REVERSE") })).DownloadKeyId!;
        var status = (await client.QueryDataTrackResultDownloadStatusAsync(new() { OrderId = orderId, DownloadKeyId = key })).StatusResult!;
        using var http = new HttpClient();

        Assert.Equal("InvalidOrderStatus", tooEarly.Code);
        Assert.Equal(new[] { "INIT", "LISTING", "LIST_SUCCESS", "DOWNLOADING", "DOWNLOAD_SUCCESS", "FILTERING", "FILTER_SUCCESS" }, degrees.Select(d => d.JobStatus!.Value.Value).Distinct());
        Assert.Equal((1.0, 1.0, 1.0), (degrees[^1].ListCompletionDegree!.Value, degrees[^1].DownloadCompletionDegree!.Value, degrees[^1].FilterCompletionDegree!.Value));
        Assert.Equal("FILTER_SUCCESS", detail.JobStatus!.Value.Value);
        Assert.Equal(2001, detail.DbId);
        Assert.Equal(1, search.TotalCount);
        Assert.Single(search.EventList!);
        Assert.Equal("DOWNLOAD_SUCCESS", status.DownloadStatus!.Value.Value);
        Assert.Contains("rollback", await http.GetStringAsync(status.DownloadUrl));
        Assert.Equal("InvalidDownloadKeyId", (await Assert.ThrowsAsync<DmsException>(() => client.QueryDataTrackResultDownloadStatusAsync(new() { OrderId = orderId, DownloadKeyId = "guessed" }))).Code);
    }

    [Fact]
    public async Task ASeededTrackingFailureStopsAtDownloadFail()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        var orderId = await Tickets.CreateTrackAsync(client);
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await http.PostAsync(new Uri(emulator.Endpoint, $"/_emulator/orders/{orderId}?failure=execution"), null)).StatusCode);

        await Tickets.ApproveAsync(client, await Tickets.SubmitAsync(client, orderId));
        DataTrackJobStatus? status = null;
        for (var i = 0; i < 20 && status != DataTrackJobStatus.DownloadFail; i++)
        {
            status = (await client.GetDataTrackJobDegreeAsync(new() { OrderId = orderId })).JobDegree!.JobStatus;
        }

        Assert.Equal(DataTrackJobStatus.DownloadFail, status);
        // GetOrderBaseInfo's enum documents no "fail" (ListOrders' does): the nearest documented value is "closed".
        Assert.Equal("closed", await Tickets.StatusAsync(client, orderId));
        Assert.Equal("fail", (await client.ListOrdersAsync(new())).Orders!.Order!.Single(o => o.OrderId == orderId).StatusCode!.Value.Value);
    }

    [Fact]
    public async Task ListOrdersPagesThroughEveryTicketWithAConsistentTotal()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);
        var empty = await client.ListOrdersAsync(new() { PageSize = 10, PluginType = "DC_COMMON" });
        var created = new List<long> { Emulators.ExportId, Emulators.TrackId };  // seeded by Emulators.StartAsync
        for (var i = 0; i < 5; i++)
        {
            created.Add(await Tickets.CreateExportAsync(client));
        }

        var listed = new List<long>();
        var totals = new HashSet<long>();
        for (var page = 1; page <= 4; page++)
        {
            var response = await client.ListOrdersAsync(new() { PageNumber = page, PageSize = 3 });
            totals.Add(response.TotalCount!.Value);
            listed.AddRange(response.Orders!.Order!.Select(o => o.OrderId!.Value));
            Assert.Equal(page <= 2 ? 3 : page == 3 ? 1 : 0, response.Orders.Order!.Count);
        }

        Assert.Equal(0, empty.TotalCount);
        Assert.Empty(empty.Orders!.Order!);
        Assert.Equal(new[] { 7L }, totals);
        Assert.Equal(created.OrderByDescending(id => id), listed);
        Assert.Equal(7, (await client.ListOrdersAsync(new() { PageSize = 1000 })).Orders!.Order!.Count);
    }

    [Fact]
    public async Task WithAStepIntervalTicketsMoveWithTheClockNotWithCalls()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await Emulators.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.StepInterval = TimeSpan.FromSeconds(10);
        });
        var orderId = emulator.State.SeedTicket(TicketKind.DataExport);
        using var client = Emulators.Client(emulator);

        var early = new[] { await ExportStatusAsync(client, orderId), await ExportStatusAsync(client, orderId) };
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { "PRE_CHECKING", "PRE_CHECKING" }, early);
        Assert.Equal("PRE_CHECK_SUCCESS", await ExportStatusAsync(client, orderId));
        Assert.Equal("WAITING_APPLY_AUDIT", await ExportStatusAsync(client, orderId));
    }

    [Fact]
    public async Task TenantsAreTheEmulatedWorldsOne()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);

        var active = (await client.GetUserActiveTenantAsync(new())).Tenant!;
        var all = (await client.ListUserTenantsAsync(new())).TenantList!;

        Assert.Equal((World.TenantId, World.TenantName), (active.Tid!.Value, active.TenantName));
        Assert.Equal(active.Tid, all.Single().Tid);
    }

    private static async Task<string> ExportStatusAsync(DmsClient client, long orderId) =>
        (await client.GetDataExportOrderDetailAsync(new() { OrderId = orderId })).DataExportOrderDetail!.KeyInfo!.JobStatus!.Value.Value;
}
