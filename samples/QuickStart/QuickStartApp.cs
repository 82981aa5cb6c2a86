using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen;
using Dms.Codegen.Emulator;
using Dms.Codegen.Waiters;
using QuickStart.Dms;

namespace QuickStart;

/// <summary>
/// Looks up a data-export ticket and follows a data-tracking job to the end. With no configuration it starts
/// the built-in DMS emulator; with <c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>/<c>_SECRET</c> and two ticket ids it calls
/// real DMS.
/// </summary>
public static class QuickStartApp
{
    private const int BarWidth = 30;

    /// <summary>Progress that reports on the polling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public Reporter(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }

    /// <summary>Runs the quick-start; returns the process exit code.</summary>
    /// <param name="stepPerQuery">Advance emulator jobs one step per query instead of over time: deterministic, for tests.</param>
    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output, bool interactive, CancellationToken cancellationToken, bool stepPerQuery = false)
    {
        var id = environment("ALIBABA_CLOUD_ACCESS_KEY_ID");
        var secret = environment("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        if (string.IsNullOrEmpty(id) != string.IsNullOrEmpty(secret))
        {
            output.WriteLine($"Half a configuration: {(string.IsNullOrEmpty(id) ? "ALIBABA_CLOUD_ACCESS_KEY_ID" : "ALIBABA_CLOUD_ACCESS_KEY_SECRET")} is not set. Set both to call real DMS, or neither to use the built-in emulator.");
            return 2;
        }

        if (!string.IsNullOrEmpty(id))
        {
            if (args.Length != 2 || !long.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var exportId) || !long.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var trackId))
            {
                output.WriteLine("Real DMS needs two ticket ids: dotnet run --project samples/QuickStart -- <data-export ticket id> <data-tracking ticket id>");
                return 2;
            }

            var options = new DmsClientOptions
            {
                Credentials = DmsCredentials.Environment(),
                RegionId = environment("ALIBABA_CLOUD_REGION_ID"),
                Endpoint = environment("DMS_ENDPOINT") is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
            };
            using var client = new DmsClient(options);
            output.WriteLine($"Calling DMS at {client.Endpoint} as {id}.");
            return await RunAsync(client, exportId, trackId, TimeSpan.FromSeconds(3), output, interactive, cancellationToken);
        }

        await using var emulator = await DmsEmulator.StartAsync(new DmsEmulatorOptions { StepInterval = stepPerQuery ? null : TimeSpan.FromMilliseconds(120) }, cancellationToken: cancellationToken);
        output.WriteLine($"No ALIBABA_CLOUD_ACCESS_KEY_ID set: using the built-in DMS emulator at {emulator.Endpoint}.");
        using var local = new DmsClient(new DmsClientOptions
        {
            Endpoint = emulator.Endpoint,
            Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret),
        });
        return await RunAsync(local, 123456, 321, stepPerQuery ? TimeSpan.Zero : TimeSpan.FromMilliseconds(100), output, interactive, cancellationToken);
    }

    private static async Task<int> RunAsync(DmsClient client, long exportId, long trackId, TimeSpan poll, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        // On the emulator the waiters poll fast; against real DMS they use the delays their specs declare.
        var waiting = poll == TimeSpan.FromSeconds(3) ? null : new DmsWaiterOptions { Delay = poll, MaxDelay = poll, Backoff = 1 };
        var onEmulator = waiting is not null;
        try
        {
            var exportOk = await FollowExportAsync(client, exportId, waiting, onEmulator, output, cancellationToken);
            output.WriteLine();
            var trackOk = await FollowTrackingAsync(client, trackId, waiting, output, interactive, cancellationToken);
            output.WriteLine();
            await ListRecentOrdersAsync(client, output, cancellationToken);
            return exportOk && trackOk ? 0 : 1;
        }
        catch (DmsException exception)
        {
            output.WriteLine($"DMS error {exception.Code}: {exception.ServiceMessage ?? exception.Message} (RequestId {exception.RequestId ?? "none"})");
            return 1;
        }
    }

    /// <summary>The export ticket through its precheck, approval and export, one line per state, with the generated waiters.</summary>
    private static async Task<bool> FollowExportAsync(DmsClient client, long orderId, DmsWaiterOptions? waiting, bool onEmulator, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Data-export ticket {orderId}:");
        DataExportJobStatus? last = null;
        var first = true;
        var progress = new Reporter<GetDataExportOrderDetailResponse>(response =>
        {
            if (first)
            {
                // How fast a cold process gets its first answer (startup, JIT or AOT, connection, signing).
                output.WriteLine($"  (first response {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:0} ms after the process started)");
                first = false;
            }

            if (response.DataExportOrderDetail?.KeyInfo?.JobStatus is { } status && status != last)
            {
                output.WriteLine($"  {status.Value,-22} {status.Description ?? "(a status the spec does not document)"}");
                last = status;
            }
        });
        var request = new GetDataExportOrderDetailRequest { OrderId = orderId };
        try
        {
            await client.WaitPrecheckFinishedAsync(request, waiting, progress, cancellationToken);
            while (true)
            {
                try
                {
                    var response = await client.WaitExportFinishedAsync(request, waiting, progress, cancellationToken);
                    var order = response.DataExportOrderDetail?.OrderDetail;
                    output.WriteLine($"  database {order?.Database}, SQL \"{order?.ExeSQL}\", {order?.ActualAffectRows ?? 0} rows, environment {order?.EnvType} (RequestId {response.RequestId})");
                    return true;
                }
                catch (DmsWaiterException<GetDataExportOrderDetailResponse> blocked) when (blocked.Outcome == DmsWaiterState.Blocked && onEmulator)
                {
                    // The emulator approves and executes by itself; real DMS waits for a person or ExecuteDataExport.
                }
            }
        }
        catch (DmsWaiterException<GetDataExportOrderDetailResponse> ended)
        {
            output.WriteLine(ended.Outcome == DmsWaiterState.Blocked
                ? $"  {ended.Status}: the ticket waits for approval or ExecuteDataExport; approve or execute it, then run again."
                : $"  {ended.Status}: {ended.Message}");
            return false;
        }
    }

    /// <summary>The tracking job with a progress bar drawn from each polled response.</summary>
    private static async Task<bool> FollowTrackingAsync(DmsClient client, long orderId, DmsWaiterOptions? waiting, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        output.WriteLine($"Data-tracking job {orderId}:");
        string? lastLine = null;
        var bar = new Reporter<GetDataTrackJobDegreeResponse>(response =>
        {
            var degree = response.JobDegree;
            var line = $"  {Bar("list", degree?.ListCompletionDegree)} {Bar("download", degree?.DownloadCompletionDegree)} {Bar("filter", degree?.FilterCompletionDegree)}  {degree?.JobStatus?.Value}";
            if (line != lastLine)
            {
                // On a terminal the bar redraws in place; redirected output gets one line per change.
                output.Write(interactive ? "\r" + line.PadRight(lastLine?.Length ?? 0) : line + Environment.NewLine);
                lastLine = line;
            }
        });
        try
        {
            var response = await client.WaitTrackingFinishedAsync(new GetDataTrackJobDegreeRequest { OrderId = orderId }, waiting, bar, cancellationToken);
            EndLine(output, interactive);
            output.WriteLine($"  {response.JobDegree?.JobStatus?.Value}: {response.JobDegree?.JobStatus?.Description} ({response.JobDegree?.StatusDesc}; RequestId {response.RequestId})");
            return true;
        }
        catch (DmsWaiterException<GetDataTrackJobDegreeResponse> failed)
        {
            EndLine(output, interactive);
            output.WriteLine($"  {failed.Status}: {failed.LastResponse?.JobDegree?.JobStatus?.Description} ({failed.LastResponse?.JobDegree?.StatusDesc}; RequestId {failed.LastResponse?.RequestId})");
            return false;
        }
    }

    /// <summary>The first tickets of ListOrders through the generated paginator: pages are fetched as the loop needs them.</summary>
    private static async Task ListRecentOrdersAsync(DmsClient client, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine("Recent tickets (ListOrders, paged):");
        var shown = 0;
        await foreach (var order in client.ListOrdersItemsAsync(new ListOrdersRequest { OrderStatus = ListOrdersOrderStatus.All, PageSize = 20 }, cancellationToken))
        {
            output.WriteLine($"  #{order.OrderId} {order.PluginType} {order.StatusCode?.Value} {order.Comment}");
            if (++shown == 5)
            {
                break;
            }
        }

        output.WriteLine(shown == 0 ? "  (none)" : $"  ({shown} shown)");
    }

    private static void EndLine(TextWriter output, bool interactive)
    {
        if (interactive)
        {
            output.WriteLine();
        }
    }

    private static string Bar(string label, double? degree)
    {
        var value = Math.Clamp(degree ?? 0, 0, 1);
        var filled = (int)Math.Round(value * BarWidth / 3);
        return $"{label} [{new string('#', filled)}{new string('.', (BarWidth / 3) - filled)}] {value * 100,3:0}%";
    }
}
