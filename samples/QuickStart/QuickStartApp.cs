using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen;
using Dms.Codegen.Emulator;
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
        try
        {
            var exportOk = await FollowExportAsync(client, exportId, poll, output, cancellationToken);
            output.WriteLine();
            var trackOk = await FollowTrackingAsync(client, trackId, poll, output, interactive, cancellationToken);
            return exportOk && trackOk ? 0 : 1;
        }
        catch (DmsException exception)
        {
            output.WriteLine($"DMS error {exception.Code}: {exception.ServiceMessage ?? exception.Message} (RequestId {exception.RequestId ?? "none"})");
            return 1;
        }
    }

    private static async Task<bool> FollowExportAsync(DmsClient client, long orderId, TimeSpan poll, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Data-export ticket {orderId}:");
        DataExportJobStatus? last = null;
        var first = true;
        while (true)
        {
            var response = await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = orderId }, cancellationToken);
            if (first)
            {
                // How fast a cold process gets its first answer (startup, JIT or AOT, connection, signing).
                output.WriteLine($"  (first response {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:0} ms after the process started)");
                first = false;
            }

            var detail = response.DataExportOrderDetail;
            var status = detail?.KeyInfo?.JobStatus;
            if (status != last && status is { } current)
            {
                output.WriteLine($"  {current.Value,-22} {current.Description ?? "(a status the spec does not document)"}");
                last = current;
            }

            if (status == DataExportJobStatus.ExportSuccess || status == DataExportJobStatus.ExportFail || status == DataExportJobStatus.PreCheckFail || status is { IsKnown: false })
            {
                var order = detail?.OrderDetail;
                output.WriteLine($"  database {order?.Database}, SQL \"{order?.ExeSQL}\", {order?.ActualAffectRows ?? 0} rows, environment {order?.EnvType} (RequestId {response.RequestId})");
                return status == DataExportJobStatus.ExportSuccess;
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    private static async Task<bool> FollowTrackingAsync(DmsClient client, long orderId, TimeSpan poll, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        output.WriteLine($"Data-tracking job {orderId}:");
        string? lastLine = null;
        while (true)
        {
            var response = await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = orderId }, cancellationToken);
            var degree = response.JobDegree;
            var status = degree?.JobStatus;
            var line = $"  {Bar("list", degree?.ListCompletionDegree)} {Bar("download", degree?.DownloadCompletionDegree)} {Bar("filter", degree?.FilterCompletionDegree)}  {status?.Value}";
            if (line != lastLine)
            {
                // On a terminal the bar redraws in place; redirected output gets one line per change.
                output.Write(interactive ? "\r" + line.PadRight(lastLine?.Length ?? 0) : line + Environment.NewLine);
                lastLine = line;
            }

            if (status == DataTrackJobStatus.FilterSuccess || status == DataTrackJobStatus.FilterFail || status == DataTrackJobStatus.DownloadFail || status is { IsKnown: false })
            {
                if (interactive)
                {
                    output.WriteLine();
                }

                output.WriteLine($"  {status?.Value}: {status?.Description} ({degree?.StatusDesc}; RequestId {response.RequestId})");
                return status == DataTrackJobStatus.FilterSuccess;
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    private static string Bar(string label, double? degree)
    {
        var value = Math.Clamp(degree ?? 0, 0, 1);
        var filled = (int)Math.Round(value * BarWidth / 3);
        return $"{label} [{new string('#', filled)}{new string('.', (BarWidth / 3) - filled)}] {value * 100,3:0}%";
    }
}
