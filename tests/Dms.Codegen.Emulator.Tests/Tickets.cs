using System;
using System.Threading.Tasks;
using Dms.Codegen.EndToEnd;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>Creates and drives tickets through the generated client, as a user's code does.</summary>
internal static class Tickets
{
    public const string Sql = "SELECT * FROM orders LIMIT 3";

    public static async Task<long> CreateExportAsync(DmsClient client, long rows = 3)
    {
        var response = await client.CreateDataExportOrderAsync(new CreateDataExportOrderRequest
        {
            Comment = "export for a test",
            PluginParam = new()
            {
                DbId = 2001,
                InstanceId = 1001,
                ExeSQL = Sql,
                AffectRows = rows,
                Classify = "test",
                IgnoreAffectRows = false,
                Logic = false,
            },
        });
        return Single(response.CreateOrderResult?.CreateOrderResult);
    }

    public static async Task<long> CreateDatabaseExportAsync(DmsClient client)
    {
        var response = await client.CreateDatabaseExportOrderAsync(new CreateDatabaseExportOrderRequest
        {
            Comment = "database export for a test",
            PluginParam = new()
            {
                DbId = 2001,
                InstanceId = 1001,
                Classify = "test",
                Logic = false,
                SearchName = "orders_db@127.0.0.1:3306",
                Config = new()
                {
                    DataOption = new[] { "CSV" },
                    ExportContent = new CreateDatabaseExportOrderExportContent("DATA"),
                    SQLExtOption = Array.Empty<string>(),
                    TargetOption = new CreateDatabaseExportOrderTargetOption("SQL"),
                },
            },
        });
        return Single(response.CreateOrderResult?.CreateOrderResult);
    }

    public static async Task<long> CreateTrackAsync(DmsClient client)
    {
        var response = await client.CreateDataTrackOrderAsync(new CreateDataTrackOrderRequest
        {
            Comment = "tracking for a test",
            Param = new()
            {
                DbId = "2001",
                JobStartTime = "2026-12-01 00:00:00",
                JobEndTime = "2026-12-01 10:00:00",
                TableNames = new[] { "orders" },
                TrackTypes = new[] { "UPDATE" },
            },
        });
        return Single(response.CreateOrderResult);
    }

    /// <summary>Submits the ticket and returns its approval's workflow instance id.</summary>
    public static async Task<long> SubmitAsync(DmsClient client, long orderId)
    {
        await client.SubmitOrderApprovalAsync(new SubmitOrderApprovalRequest { OrderId = orderId });
        var info = await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = orderId });
        return info.OrderBaseInfo!.WorkflowInstanceId!.Value;
    }

    public static Task ApproveAsync(DmsClient client, long workflowInstanceId, string approval = "AGREE") =>
        client.ApproveOrderAsync(new ApproveOrderRequest { WorkflowInstanceId = workflowInstanceId, ApprovalType = new ApproveOrderApprovalType(approval) });

    public static async Task<string> StatusAsync(DmsClient client, long orderId) =>
        (await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = orderId })).OrderBaseInfo!.StatusCode!.Value.Value;

    private static long Single(System.Collections.Generic.IReadOnlyList<long>? ids) =>
        ids is [var id] ? id : throw new InvalidOperationException("expected one order id, got " + (ids?.Count.ToString() ?? "none"));
}
