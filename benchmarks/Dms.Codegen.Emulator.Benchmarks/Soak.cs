using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen;
using Dms.Codegen.Emulator;
using Dms.Codegen.Emulator.Benchmarks.Api;

/// <summary>
/// The long soak for the closing note: 64 concurrent clients for a while, each call with a random fault or
/// none, over a mix of workflow and lookup operations. Prints memory before and after (after a full GC) and
/// the nonce cache's size, so a leak shows as growth rather than as a crash.
/// </summary>
internal static class Soak
{
    private static readonly string?[] Faults = { null, null, null, null, "throttle", "5xx", "latency=5", "unknown-enum", "malformed", "500" };

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        await using var emulator = await DmsEmulator.StartAsync();
        var clients = Enumerable.Range(0, 64).Select(_ => new DmsClient(new DmsClientOptions
        {
            Endpoint = emulator.Endpoint,
            Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret),
            Retry = { MaxAttempts = 1 },
        }, new HttpClient(new RandomFaults()))).ToArray();
        var exportId = emulator.State.SeedTicket(Dms.Codegen.Emulator.State.TicketKind.DataExport);

        // Warm up (the random faults reach these calls too, and fail some of them), then measure from a settled heap.
        await Task.WhenAll(clients.Select(async c =>
        {
            try
            {
                await c.GetOrderBaseInfoAsync(new() { OrderId = exportId });
            }
            catch (DmsException)
            {
            }
        }));
        var before = Memory();
        Console.WriteLine($"before: {before}");
        long calls = 0, errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(30);
        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var random = new Random(index);
            while (stopwatch.Elapsed < duration)
            {
                try
                {
                    switch (random.Next(4))
                    {
                        case 0:
                            await client.ListOrdersAsync(new() { PageNumber = random.Next(1, 4), PageSize = 20 });
                            break;
                        case 1:
                            await client.GetOrderBaseInfoAsync(new() { OrderId = exportId });
                            break;
                        case 2:
                            await client.GetDataExportOrderDetailAsync(new() { OrderId = exportId });
                            break;
                        default:
                            await client.CreateDataExportOrderAsync(new()
                            {
                                Comment = "soak",
                                PluginParam = new() { DbId = 2001, InstanceId = 1001, ExeSQL = "SELECT 1", AffectRows = 1, Classify = "soak", IgnoreAffectRows = false, Logic = false },
                            });
                            break;
                    }
                }
                catch (DmsException)
                {
                    Interlocked.Increment(ref errors);
                }

                Interlocked.Increment(ref calls);
                if (index == 0 && stopwatch.Elapsed > nextReport)
                {
                    Console.WriteLine($"  {stopwatch.Elapsed.TotalSeconds:0} s: {Interlocked.Read(ref calls):N0} calls, {Memory()}, {emulator.RememberedNonces:N0} nonces, {emulator.State.TicketCount:N0} tickets");
                    nextReport += TimeSpan.FromSeconds(30);
                }
            }
        })));

        var after = Memory();
        Console.WriteLine($"after {stopwatch.Elapsed.TotalSeconds:0} s with 64 clients: {calls:N0} calls ({calls / stopwatch.Elapsed.TotalSeconds:N0}/s), {errors:N0} fault errors; {after}; {emulator.RememberedNonces:N0} nonces remembered (cap {emulator.Options.MaxRememberedNonces:N0}), {emulator.State.TicketCount:N0} tickets kept");
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return 0;
    }

    private static string Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return $"managed heap {GC.GetTotalMemory(false) / 1048576.0:0.0} MiB, working set {process.WorkingSet64 / 1048576.0:0.0} MiB";
    }

    /// <summary>Adds a random fault header to each request (or none).</summary>
    private sealed class RandomFaults : DelegatingHandler
    {
        public RandomFaults()
            : base(new SocketsHttpHandler())
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Faults[Random.Shared.Next(Faults.Length)] is { } fault)
            {
                request.Headers.TryAddWithoutValidation(DmsEmulator.FaultHeader, fault);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
