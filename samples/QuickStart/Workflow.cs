using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using QuickStart.Dms;

namespace QuickStart;

/// <summary>The ticket work a DMS user does: an export ticket from creation to its file, then a tracking job.</summary>
internal sealed class Workflow
{
    private const string Sql = "SELECT * FROM orders LIMIT 5";

    /// <summary>A successful export's states in order: how far along the progress bar is.</summary>
    private static readonly DataExportJobStatus[] ExportSteps =
    {
        DataExportJobStatus.PreChecking, DataExportJobStatus.PreCheckSuccess, DataExportJobStatus.WaitingApplyAudit, DataExportJobStatus.ApplyAuditSuccess,
        DataExportJobStatus.EnableExport, DataExportJobStatus.WaitingExport, DataExportJobStatus.DoingExport, DataExportJobStatus.ExportSuccess,
    };

    private readonly DmsClient _client;
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly TimeSpan _poll;
    private readonly CancellationToken _cancellationToken;

    public Workflow(DmsClient client, TextWriter output, bool interactive, TimeSpan poll, CancellationToken cancellationToken)
    {
        _client = client;
        _output = output;
        _interactive = interactive;
        _poll = poll;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Creates, submits, approves and runs an export ticket and a tracking ticket, then lists tickets.</summary>
    public async Task<bool> PlayAllAsync(long dbId, long instanceId)
    {
        var exported = await PlayExportAsync(dbId, instanceId);
        _output.WriteLine();
        var tracked = await PlayTrackingAsync(dbId);
        _output.WriteLine();
        await ListOrdersAsync();
        return exported && tracked;
    }

    /// <summary>Read-only: follows two existing tickets and lists tickets.</summary>
    public async Task<bool> FollowAsync(long exportId, long trackId)
    {
        var exported = await WaitForExportAsync(exportId, untilPrecheck: false);
        _output.WriteLine();
        var tracked = await WaitForTrackingAsync(trackId);
        _output.WriteLine();
        await ListOrdersAsync();
        return exported == DataExportJobStatus.ExportSuccess && tracked;
    }

    private async Task<bool> PlayExportAsync(long dbId, long instanceId)
    {
        var created = await _client.CreateDataExportOrderAsync(new CreateDataExportOrderRequest
        {
            Comment = "Dms.Codegen quick-start export",
            PluginParam = new() { DbId = dbId, InstanceId = instanceId, ExeSQL = Sql, AffectRows = 5, Classify = "quick-start", IgnoreAffectRows = false, Logic = false },
        }, _cancellationToken);
        var orderId = created.CreateOrderResult!.CreateOrderResult!.Single();
        _output.WriteLine($"Data-export ticket {orderId} created for \"{Sql}\".");

        if (await WaitForExportAsync(orderId, untilPrecheck: true) != DataExportJobStatus.PreCheckSuccess)
        {
            return false;
        }

        var precheck = await _client.GetDataExportPreCheckDetailAsync(new() { OrderId = orderId }, _cancellationToken);
        foreach (var check in precheck.PreCheckResult?.PreCheckDetailList?.PreCheckDetailList ?? Array.Empty<GetDataExportPreCheckDetailResponse.Types.PreCheckDetailListItem>())
        {
            _output.WriteLine($"  precheck: \"{check.SQL}\" affects about {check.AffectRows} rows");
        }

        await SubmitAndApproveAsync(orderId);
        await _client.ExecuteDataExportAsync(new() { OrderId = orderId }, _cancellationToken);
        _output.WriteLine("  executing");
        if (await WaitForExportAsync(orderId, untilPrecheck: false) != DataExportJobStatus.ExportSuccess)
        {
            return false;
        }

        var url = (await _client.GetDataExportDownloadURLAsync(new() { OrderId = orderId }, _cancellationToken)).DownloadURLResult;
        if (url is not { HasResult: true, URL: { Length: > 0 } link })
        {
            _output.WriteLine($"  no file: {url?.TipMessage}");
            return false;
        }

        using var http = new HttpClient();
        var lines = (await http.GetStringAsync(new Uri(link), _cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        _output.WriteLine($"  downloaded {lines.Length - 1} rows; the first ones:");
        foreach (var line in lines.Take(4))
        {
            _output.WriteLine("    " + line);
        }

        return true;
    }

    private async Task<bool> PlayTrackingAsync(long dbId)
    {
        var created = await _client.CreateDataTrackOrderAsync(new CreateDataTrackOrderRequest
        {
            Comment = "Dms.Codegen quick-start tracking",
            Param = new()
            {
                DbId = dbId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JobStartTime = "2026-12-01 00:00:00",
                JobEndTime = "2026-12-01 10:00:00",
                TableNames = new[] { "orders" },
                TrackTypes = new[] { "UPDATE" },
            },
        }, _cancellationToken);
        var orderId = created.CreateOrderResult!.Single();
        _output.WriteLine($"Data-tracking ticket {orderId} created.");
        await SubmitAndApproveAsync(orderId);
        return await WaitForTrackingAsync(orderId);
    }

    private async Task SubmitAndApproveAsync(long orderId)
    {
        await _client.SubmitOrderApprovalAsync(new() { OrderId = orderId }, _cancellationToken);
        var info = await _client.GetOrderBaseInfoAsync(new() { OrderId = orderId }, _cancellationToken);
        var workflow = info.OrderBaseInfo?.WorkflowInstanceId ?? throw new InvalidOperationException("The ticket has no approval.");
        _output.WriteLine($"  submitted for approval (workflow {workflow}), status {info.OrderBaseInfo.StatusCode?.Value}");
        await _client.ApproveOrderAsync(new() { WorkflowInstanceId = workflow, ApprovalType = ApproveOrderApprovalType.Agree }, _cancellationToken);
        _output.WriteLine("  approved");
    }

    /// <summary>Polls the export ticket until its precheck ends (or, after execution, until the export ends).</summary>
    private async Task<DataExportJobStatus?> WaitForExportAsync(long orderId, bool untilPrecheck)
    {
        var bar = new ProgressBar(_output, _interactive);
        while (true)
        {
            var detail = (await _client.GetDataExportOrderDetailAsync(new() { OrderId = orderId }, _cancellationToken)).DataExportOrderDetail;
            var status = detail?.KeyInfo?.JobStatus;
            if (status is { } current)
            {
                var step = Array.IndexOf(ExportSteps, current);
                bar.Show($"{ProgressBar.Bar("export", step < 0 ? 0 : step / (double)(ExportSteps.Length - 1))}  {current.Value,-20} {current.Description ?? "(a status the spec does not document)"}");
            }

            var ended = status is { IsKnown: false } || status == DataExportJobStatus.PreCheckFail || status == DataExportJobStatus.ExportFail || status == DataExportJobStatus.ExportSuccess
                || (untilPrecheck && status != DataExportJobStatus.PreChecking);
            if (ended)
            {
                bar.End();
                return untilPrecheck && status != DataExportJobStatus.PreCheckFail && status is { IsKnown: true } ? DataExportJobStatus.PreCheckSuccess : status;
            }

            await Task.Delay(_poll, _cancellationToken);
        }
    }

    private async Task<bool> WaitForTrackingAsync(long orderId)
    {
        _output.WriteLine($"Data-tracking job {orderId}:");
        var bar = new ProgressBar(_output, _interactive);
        while (true)
        {
            var response = await _client.GetDataTrackJobDegreeAsync(new() { OrderId = orderId }, _cancellationToken);
            var degree = response.JobDegree;
            var status = degree?.JobStatus;
            bar.Show($"{ProgressBar.Bar("list", degree?.ListCompletionDegree)} {ProgressBar.Bar("download", degree?.DownloadCompletionDegree)} {ProgressBar.Bar("filter", degree?.FilterCompletionDegree)}  {status?.Value}");
            if (status == DataTrackJobStatus.FilterSuccess || status == DataTrackJobStatus.FilterFail || status == DataTrackJobStatus.DownloadFail || status is { IsKnown: false })
            {
                bar.End();
                _output.WriteLine($"  {status?.Value}: {status?.Description} ({degree?.StatusDesc}; RequestId {response.RequestId})");
                return status == DataTrackJobStatus.FilterSuccess;
            }

            await Task.Delay(_poll, _cancellationToken);
        }
    }

    private async Task ListOrdersAsync()
    {
        _output.WriteLine("Tickets:");
        for (var page = 1; ; page++)
        {
            var response = await _client.ListOrdersAsync(new() { PageNumber = page, PageSize = 20 }, _cancellationToken);
            var orders = response.Orders?.Order ?? Array.Empty<ListOrdersResponse.Types.OrderItem>();
            foreach (var order in orders)
            {
                _output.WriteLine($"  {order.OrderId,-8} {order.PluginType,-16} {order.StatusCode?.Value,-10} {order.Comment}");
            }

            if (orders.Count == 0 || page * 20 >= (response.TotalCount ?? 0))
            {
                return;
            }
        }
    }
}
