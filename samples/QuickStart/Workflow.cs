using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Waiters;
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
    private readonly DmsWaiterOptions? _waiting;
    private readonly CancellationToken _cancellationToken;

    /// <param name="waiting">How the waiters poll; null: as their specs say (against real DMS, every 1-2 s, growing to 10-30 s).</param>
    public Workflow(DmsClient client, TextWriter output, bool interactive, DmsWaiterOptions? waiting, CancellationToken cancellationToken)
    {
        _client = client;
        _output = output;
        _interactive = interactive;
        _waiting = waiting;
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
        var exported = await FollowExportAsync(exportId);
        _output.WriteLine();
        var tracked = await FollowTrackingAsync(trackId);
        _output.WriteLine();
        await ListOrdersAsync();
        return exported && tracked;
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

        try
        {
            // Returns once the precheck passed (or the ticket is already further on); PRE_CHECK_FAIL throws.
            using var progress = new ProgressLine<GetDataExportOrderDetailResponse>(_output, _interactive, ExportLine);
            await _client.WaitExportPrecheckFinishedAsync(new() { OrderId = orderId }, _waiting, progress, _cancellationToken);
        }
        catch (DmsWaiterException failed)
        {
            _output.WriteLine("  " + failed.Message);
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
        if (!await FollowExportAsync(orderId))
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
        return await FollowTrackingAsync(orderId);
    }

    /// <summary>Waits for the export to end: EXPORT_SUCCESS returns true; a failure, or a ticket that still needs approval or ExecuteDataExport, is reported.</summary>
    private async Task<bool> FollowExportAsync(long orderId)
    {
        try
        {
            using var progress = new ProgressLine<GetDataExportOrderDetailResponse>(_output, _interactive, ExportLine);
            await _client.WaitExportFinishedAsync(new() { OrderId = orderId }, _waiting, progress, _cancellationToken);
            return true;
        }
        catch (DmsWaiterException failed)
        {
            _output.WriteLine("  " + failed.Message);
            return false;
        }
    }

    private async Task<bool> FollowTrackingAsync(long orderId)
    {
        _output.WriteLine($"Data-tracking job {orderId}:");
        try
        {
            GetDataTrackJobDegreeResponse done;
            using (var progress = new ProgressLine<GetDataTrackJobDegreeResponse>(_output, _interactive, TrackingLine))
            {
                done = await _client.WaitDataTrackJobFinishedAsync(new() { OrderId = orderId }, _waiting, progress, _cancellationToken);
            }

            ShowTrackingResult(done);
            return true;
        }
        catch (DmsWaiterException<GetDataTrackJobDegreeResponse> failed)
        {
            ShowTrackingResult(failed.LastResponse);
            _output.WriteLine("  " + failed.Message);
            return false;
        }
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

    private static string ExportLine(GetDataExportOrderDetailResponse response)
    {
        var status = response.DataExportOrderDetail?.KeyInfo?.JobStatus;
        var step = status is { } current ? Array.IndexOf(ExportSteps, current) : -1;
        return $"{ProgressBar.Bar("export", step < 0 ? 0 : step / (double)(ExportSteps.Length - 1))}  {status?.Value,-20} {status?.Description ?? "(a status the spec does not document)"}";
    }

    private static string TrackingLine(GetDataTrackJobDegreeResponse response)
    {
        var degree = response.JobDegree;
        return $"{ProgressBar.Bar("list", degree?.ListCompletionDegree)} {ProgressBar.Bar("download", degree?.DownloadCompletionDegree)} {ProgressBar.Bar("filter", degree?.FilterCompletionDegree)}  {degree?.JobStatus?.Value}";
    }

    private void ShowTrackingResult(GetDataTrackJobDegreeResponse? response)
    {
        var status = response?.JobDegree?.JobStatus;
        _output.WriteLine($"  {status?.Value}: {status?.Description} ({response?.JobDegree?.StatusDesc}; RequestId {response?.RequestId})");
    }

    /// <summary>Every ticket, through the generated paginator: it asks for page after page until TotalCount is reached.</summary>
    private async Task ListOrdersAsync()
    {
        const int MaxShown = 50;
        _output.WriteLine("Tickets:");
        var shown = 0;
        await foreach (var order in _client.ListOrdersItemsAsync(new() { PageSize = 20 }, _cancellationToken))
        {
            if (++shown > MaxShown)
            {
                _output.WriteLine($"  ... (the first {MaxShown} shown)");
                return;
            }

            _output.WriteLine($"  {order.OrderId,-8} {order.PluginType,-16} {order.StatusCode?.Value,-10} {order.Comment}");
        }
    }
}
