using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Benchmarks.Api;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// Client CPU time per sequential call, read from the process's CPU clock (the server is a child process, so
/// none of its work is counted), for the generated client and for the floor: a bare HttpClient sending a freshly
/// built copy of the very request the client signed (same URI, headers and body, signed once). Variants run in
/// interleaved rounds and the median round is reported, because the machine is shared; the ratio is the median
/// of each round's ratio to the floor's round next to it.
/// </summary>
internal static partial class CpuHarness
{
    private const int CallsPerRound = 2000;

    /// <param name="warmupSeconds">How long each variant runs before the measured rounds.</param>
    /// <param name="only">When set, only the variants whose name contains it run (to profile one caller alone).</param>
    /// <param name="rounds">How many interleaved rounds are measured.</param>
    /// <param name="bisect">Whether to add the floor variants that each carry one of the client's differences.</param>
    public static async Task<int> RunAsync(double warmupSeconds, string? only = null, int rounds = 7, bool bisect = false)
    {
        var (server, endpoint) = LoopbackResponder.Start();
        try
        {
            var variants = new List<Variant>();
            foreach (var version in new[] { DmsSignatureVersion.V3, DmsSignatureVersion.V1 })
            {
                var options = Options(endpoint, version);
                var client = new DmsClient(options);
                var template = await CaptureAsync(endpoint, version);
                var bare = new HttpClient(new SocketsHttpHandler());
                variants.Add(new Variant($"generated client {version}", async () => await client.GetDataTrackJobDegreeAsync(Request())));
                variants.Add(new Variant($"floor {version} (bare HttpClient, pre-signed)", () => template.SendAsync(bare)));
                if (bisect)
                {
                    AddBisectVariants(variants, options, template, bare);
                }
            }

            if (only is not null)
            {
                variants.RemoveAll(v => !v.Name.Contains(only, StringComparison.Ordinal));
            }

            foreach (var variant in variants)
            {
                var until = Stopwatch.GetTimestamp() + (long)(warmupSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < until)
                {
                    await variant.Call();
                }
            }

            for (var round = 0; round < rounds; round++)
            {
                foreach (var variant in variants)
                {
                    await variant.MeasureAsync(server);
                }
            }

            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {rounds} rounds of {CallsPerRound} sequential calls, median round; CPU vs floor: median of the per-round ratios");
            Console.WriteLine("| caller | CPU µs/call | wall µs/call | allocated B/call | thread-pool items/call | context switches/call | GCs/1,000 calls | server CPU µs/call | CPU vs floor |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var variant in variants)
            {
                // Each caller against the floor of its signature version (itself when the floor was left out).
                var version = variant.Name.Contains("V3", StringComparison.Ordinal) ? "V3" : "V1";
                var floor = variants.FirstOrDefault(v => v.Name.StartsWith("floor " + version, StringComparison.Ordinal)) ?? variant;
                var ratio = variant.CpuRatioTo(floor);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variant.Name} | {variant.CpuMicroseconds:0.0} | {variant.WallMicroseconds:0.0} | {variant.AllocatedBytes:0} | {variant.WorkItems:0.00} | {variant.ContextSwitches:0.00} | {variant.CollectionsPerThousand:0.0} | {variant.ServerCpuMicroseconds:0.0} | {ratio:0.00}x |"));
            }

            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(5000))
            {
                server.Kill();
            }
        }
    }

    private static DmsClientOptions Options(Uri endpoint, DmsSignatureVersion version) => new()
    {
        Endpoint = endpoint,
        Credentials = DmsCredentials.AccessKey("testid", "testsecret"),
        SignatureVersion = version,
    };

    private static GetDataTrackJobDegreeRequest Request() => new() { OrderId = 42, Tid = 7 };

    /// <summary>The request exactly as the generated client sends it, captured once from a real call.</summary>
    private static async Task<Template> CaptureAsync(Uri endpoint, DmsSignatureVersion version)
    {
        var capture = new CaptureHandler { InnerHandler = new SocketsHttpHandler() };
        using var client = new DmsClient(Options(endpoint, version), new HttpClient(capture));
        await client.GetDataTrackJobDegreeAsync(Request());
        return capture.Template!;
    }

    private sealed class CaptureHandler : DelegatingHandler
    {
        public Template? Template { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Template = new Template(
                request.Method,
                request.RequestUri!,
                request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value))).ToArray(),
                body,
                request.Content?.Headers.ContentType?.ToString());
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed partial record Template(HttpMethod Method, Uri Uri, KeyValuePair<string, string>[] Headers, byte[]? Body, string? ContentType)
    {
        public async Task SendAsync(HttpClient client)
        {
            using var message = Message(Uri);
            using var response = await client.SendAsync(message);
            await response.Content.ReadAsByteArrayAsync();
        }

        /// <summary>A fresh copy of the captured request, to <paramref name="uri"/> (the captured one unless a variant says otherwise).</summary>
        private HttpRequestMessage Message(Uri uri)
        {
            var message = new HttpRequestMessage(Method, uri);
            foreach (var (name, value) in Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            return message;
        }
    }

    /// <summary>One round of one caller, per call.</summary>
    private readonly record struct Round(double Cpu, double Wall, double Bytes, double WorkItems, double Switches, double Collections, double ServerCpu);

    private sealed class Variant(string name, Func<Task> call)
    {
        private readonly List<Round> _rounds = new();

        public string Name => name;

        public Func<Task> Call => call;

        public double CpuMicroseconds => Median(r => r.Cpu);

        /// <summary>The median over rounds of this round's CPU against the floor's round of the same number.</summary>
        public double CpuRatioTo(Variant floor)
        {
            var ratios = _rounds.Zip(floor._rounds, (mine, theirs) => mine.Cpu / theirs.Cpu).Order().ToArray();
            return ratios[ratios.Length / 2];
        }

        public double WallMicroseconds => Median(r => r.Wall);

        public double AllocatedBytes => Median(r => r.Bytes);

        public double WorkItems => Median(r => r.WorkItems);

        public double ContextSwitches => Median(r => r.Switches);

        public double CollectionsPerThousand => Median(r => r.Collections);

        public double ServerCpuMicroseconds => Median(r => r.ServerCpu);

        /// <summary>Besides the client's CPU, the counters that explain it: thread-pool work items, context switches, gen0 collections, and the server's CPU.</summary>
        public async Task MeasureAsync(Process server)
        {
            server.Refresh();
            var serverCpu = server.TotalProcessorTime;
            var switches = ThreadCounters.ContextSwitches();
            var collections = GC.CollectionCount(0);
            var workItems = ThreadPool.CompletedWorkItemCount;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Environment.CpuUsage.TotalTime;
            var wall = Stopwatch.GetTimestamp();
            for (var i = 0; i < CallsPerRound; i++)
            {
                await call();
            }

            var wallElapsed = Stopwatch.GetElapsedTime(wall);
            var cpuElapsed = Environment.CpuUsage.TotalTime - cpu;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
            var items = ThreadPool.CompletedWorkItemCount - workItems;
            var collected = GC.CollectionCount(0) - collections;
            var switched = ThreadCounters.ContextSwitches() - switches;
            server.Refresh();
            var serverElapsed = server.TotalProcessorTime - serverCpu;
            _rounds.Add(new Round(
                cpuElapsed.TotalMicroseconds / CallsPerRound,
                wallElapsed.TotalMicroseconds / CallsPerRound,
                (double)allocated / CallsPerRound,
                (double)items / CallsPerRound,
                (double)switched / CallsPerRound,
                collected * 1000.0 / CallsPerRound,
                serverElapsed.TotalMicroseconds / CallsPerRound));
        }

        private double Median(Func<Round, double> pick)
        {
            var values = _rounds.Select(pick).Order().ToArray();
            return values[values.Length / 2];
        }
    }
}
