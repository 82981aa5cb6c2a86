using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen;
using Dms.Codegen.Emulator;
using Dms.Codegen.Waiters;
using QuickStart.Dms;

namespace QuickStart;

/// <summary>
/// Plays DMS's data-export workflow and a data-tracking job. With no configuration it starts the built-in DMS
/// emulator and plays them whole: create, precheck, submit, approve, execute, wait, download. Against real DMS
/// (<c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>/<c>_SECRET</c>) it is read-only: it follows the two tickets given on
/// the command line and lists tickets, unless <c>--create-tickets</c> asks it to create and approve its own.
/// </summary>
public static class QuickStartApp
{
    /// <summary>The flag that lets the quick-start create, submit and approve tickets on real DMS.</summary>
    public const string CreateTicketsFlag = "--create-tickets";

    /// <summary>Runs the quick-start; returns the process exit code.</summary>
    /// <param name="stepPerQuery">Advance emulator tickets one step per query instead of over time: deterministic, for tests.</param>
    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output, bool interactive, CancellationToken cancellationToken, bool stepPerQuery = false)
    {
        var id = environment("ALIBABA_CLOUD_ACCESS_KEY_ID");
        var secret = environment("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        if (string.IsNullOrEmpty(id) != string.IsNullOrEmpty(secret))
        {
            output.WriteLine($"Half a configuration: {(string.IsNullOrEmpty(id) ? "ALIBABA_CLOUD_ACCESS_KEY_ID" : "ALIBABA_CLOUD_ACCESS_KEY_SECRET")} is not set. Set both to call real DMS, or neither to use the built-in emulator.");
            return 2;
        }

        if (string.IsNullOrEmpty(id))
        {
            return await RunOnEmulatorAsync(output, interactive, stepPerQuery, cancellationToken);
        }

        var create = args.Contains(CreateTicketsFlag, StringComparer.Ordinal);
        var ids = args.Where(a => a != CreateTicketsFlag).ToArray();
        long exportId = 0, trackId = 0;
        if (!create && (ids.Length != 2 || !long.TryParse(ids[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out exportId) || !long.TryParse(ids[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out trackId)))
        {
            output.WriteLine("Real DMS needs two ticket ids: dotnet run --project samples/QuickStart -- <data-export ticket id> <data-tracking ticket id>");
            output.WriteLine($"(read-only; add {CreateTicketsFlag} to create, submit and approve new tickets instead)");
            return 2;
        }

        long dbId = 0, instanceId = 0;
        if (create && (!long.TryParse(environment("DMS_DB_ID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out dbId) || !long.TryParse(environment("DMS_INSTANCE_ID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out instanceId)))
        {
            output.WriteLine($"{CreateTicketsFlag} needs the database to export from: set DMS_DB_ID and DMS_INSTANCE_ID.");
            return 2;
        }

        var options = new DmsClientOptions
        {
            Credentials = DmsCredentials.Environment(),
            RegionId = environment("ALIBABA_CLOUD_REGION_ID"),
            Endpoint = environment("DMS_ENDPOINT") is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
        };
        using var client = new DmsClient(options);
        output.WriteLine($"Calling DMS at {client.Endpoint} as {id}{(create ? "; creating tickets" : "; read-only")}.");
        var play = new Workflow(client, output, interactive, waiting: null, cancellationToken);
        return await GuardAsync(output, () => create ? play.PlayAllAsync(dbId, instanceId) : play.FollowAsync(exportId, trackId));
    }

    private static async Task<int> RunOnEmulatorAsync(TextWriter output, bool interactive, bool stepPerQuery, CancellationToken cancellationToken)
    {
        var options = new DmsEmulatorOptions { StepInterval = stepPerQuery ? null : TimeSpan.FromMilliseconds(120) };
        await using var emulator = await DmsEmulator.StartAsync(options, cancellationToken: cancellationToken);
        output.WriteLine($"No ALIBABA_CLOUD_ACCESS_KEY_ID set: using the built-in DMS emulator at {emulator.Endpoint}.");
        using var client = new DmsClient(new DmsClientOptions
        {
            Endpoint = emulator.Endpoint,
            Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret),
        });
        // The emulator's jobs move every 120 ms (or on each query), not every few seconds: poll it at a fixed, short delay.
        var waiting = new DmsWaiterOptions { Delay = stepPerQuery ? TimeSpan.Zero : TimeSpan.FromMilliseconds(100), Backoff = 1 };
        var play = new Workflow(client, output, interactive, waiting, cancellationToken);
        return await GuardAsync(output, () => play.PlayAllAsync(global::Dms.Codegen.Emulator.State.World.DatabaseId, global::Dms.Codegen.Emulator.State.World.InstanceId));
    }

    private static async Task<int> GuardAsync(TextWriter output, Func<Task<bool>> run)
    {
        try
        {
            return await run() ? 0 : 1;
        }
        catch (DmsException exception)
        {
            output.WriteLine($"DMS error {exception.Code}: {exception.ServiceMessage ?? exception.Message} (RequestId {exception.RequestId ?? "none"})");
            return 1;
        }
    }
}
