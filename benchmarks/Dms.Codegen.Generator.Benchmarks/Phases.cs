using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Emit;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Parsing;
using Dms.Codegen.Generator.Validation;
using Microsoft.CodeAnalysis.CSharp;

namespace Dms.Codegen.Generator.Benchmarks;

/// <summary>
/// <c>phases &lt;specs dir&gt;</c>, run by hand: the generator's cold path split into its steps (best of 7 runs
/// each), beside YamlDotNet parsing the same files alone, to see which step a change should go after.
/// </summary>
internal static class Phases
{
    public static int Run(string specsDirectory)
    {
        var files = Directory.GetFiles(specsDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(path => (Path: path, Text: File.ReadAllText(path)))
            .ToArray();
        var options = new GeneratorOptions("Consumer.Dms", "DmsClient", true, GeneratorOptions.Public);
        ParsedSpec[] parsed = Array.Empty<ParsedSpec>();
        ValidatedSpec[] validated = Array.Empty<ValidatedSpec>();
        string[] sources = Array.Empty<string>();

        var floor = Best("YamlDotNet events", () => files.Sum(f => YamlEvents(f.Text)));
        var parse = Best("parse", () => (parsed = files.Select(f => SpecParser.Parse(f.Path, f.Text, CancellationToken.None)).ToArray()).Length);
        var validate = Best("index + validate", () =>
        {
            var index = SpecValidator.BuildIndex(parsed.Select(p => p.Summary.WithoutLocations()).ToImmutableArray(), options.ClientName, CancellationToken.None);
            return (validated = parsed.Select(p => SpecValidator.Validate(p, index, options.ClientName)).ToArray()).Length;
        });
        var emit = Best("emit", () => (sources = validated.Where(v => v.Model is not null).Select(v => SpecEmitter.Emit(v.Model!, options, CancellationToken.None)).ToArray()).Length);
        var tree = Best("YAML tree", () => files.Count(f => YamlReader.Read(f.Path, f.Text, new System.Collections.Generic.List<DiagnosticInfo>(), CancellationToken.None) is not null));
        Console.WriteLine($"(of parse: YAML tree {tree:F1} ms)");
        var imports = Best("finding imports", () => sources.Sum(s => Imports.For(new ArraySegment<char>(s.ToCharArray())).Length));
        Console.WriteLine($"(of emit: finding imports {imports:F1} ms)");
        var benchmarks = new GeneratorBenchmarks { Specs = "real" };
        benchmarks.Setup();
        var driver = Best("cold generation", () => benchmarks.ColdGeneration().GetRunResult().GeneratedTrees.Length);
        var roslyn = Best("Roslyn parse", () => sources.Sum(s => CSharpSyntaxTree.ParseText(s).GetRoot().FullSpan.Length));

        Console.WriteLine($"{files.Length} specs, {files.Sum(f => f.Text.Length):N0} chars in, {sources.Sum(s => s.Length):N0} chars out");
        Console.WriteLine($"YamlDotNet events (floor): {floor,8:F1} ms");
        Console.WriteLine($"parse:                     {parse,8:F1} ms  {parse / floor:F2}x floor");
        Console.WriteLine($"index + validate:          {validate,8:F1} ms  {validate / floor:F2}x");
        Console.WriteLine($"emit text:                 {emit,8:F1} ms  {emit / floor:F2}x");
        Console.WriteLine($"cold generation (driver):  {driver,8:F1} ms  {driver / floor:F2}x");
        Console.WriteLine($"cold / floor, interleaved pairs (median of 15): {MedianRatio(() => benchmarks.ColdGeneration(), () => files.Sum(f => YamlEvents(f.Text))):F2}x");
        Console.WriteLine($"Roslyn parses the output:  {roslyn,8:F1} ms  {roslyn / floor:F2}x");
        Console.WriteLine($"by CPU time: parse {Cpu["parse"] / Cpu["YamlDotNet events"]:F2}x, index + validate {Cpu["index + validate"] / Cpu["YamlDotNet events"]:F2}x, emit {Cpu["emit"] / Cpu["YamlDotNet events"]:F2}x, cold generation {Cpu["cold generation"] / Cpu["YamlDotNet events"]:F2}x the floor");
        return 0;
    }

    /// <summary>For a profiler: parses every spec <paramref name="rounds"/> times and nothing else.</summary>
    public static int ParseLoop(string specsDirectory, int rounds)
    {
        var files = Directory.GetFiles(specsDirectory, "*.yaml", SearchOption.AllDirectories).Select(path => (Path: path, Text: File.ReadAllText(path))).ToArray();
        var count = 0;
        for (var i = 0; i < rounds; i++)
        {
            count += files.Count(f => SpecParser.Parse(f.Path, f.Text, CancellationToken.None).Model is not null);
        }

        return count > 0 ? 0 : 1;
    }

    private static int YamlEvents(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    /// <summary>Each pair runs back to back, so a change in the machine's load moves both sides alike.</summary>
    private static double MedianRatio(Func<object> measured, Func<int> floor)
    {
        var ratios = new double[15];
        for (var i = 0; i < ratios.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(floor());
            var floorTime = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            GC.KeepAlive(measured());
            ratios[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / floorTime;
        }

        Array.Sort(ratios);
        return ratios[ratios.Length / 2];
    }

    private static readonly System.Collections.Generic.Dictionary<string, double> Cpu = new();

    private static double Best(string name, Func<int> step)
    {
        var best = double.MaxValue;
        var allocated = 0L;
        var collections = new int[3];
        var paused = TimeSpan.Zero;
        var cpu = double.MaxValue;
        for (var i = 0; i < 7; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var counts = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            var pausedBefore = GC.GetTotalPauseDuration();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            GC.KeepAlive(step());
            var elapsed = stopwatch.Elapsed.TotalMilliseconds;
            cpu = Math.Min(cpu, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            if (elapsed < best)
            {
                best = elapsed;
                paused = GC.GetTotalPauseDuration() - pausedBefore;
                for (var g = 0; g < 3; g++)
                {
                    collections[g] = GC.CollectionCount(g) - counts[g];
                }
            }

            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        // Allocation does not depend on the machine's load, so it shows a change even when the times are noisy; the
        // collections (gen0/gen1/gen2, each count including the older ones) and their pauses are of the best run.
        // The process's CPU time (all threads, the garbage collector's too; least of the 7) moves less with the
        // machine's load than the wall time does, since waiting for a core is not counted.
        Console.WriteLine($"  allocated {allocated / 1e6,8:F1} MB  GCs {collections[0]}/{collections[1]}/{collections[2]} paused {paused.TotalMilliseconds,6:F1} ms  CPU {cpu,7:F1} ms  {name}");
        Cpu[name] = cpu;
        return best;
    }
}
