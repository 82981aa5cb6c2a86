using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dms.Codegen.Generator.Benchmarks;

/// <summary>
/// Timed harness, run by hand (never in CI), for the figures BenchmarkDotNet is too slow for:
/// <c>size &lt;specs dir&gt; [out dir]</c> measures the generated source for every spec under a folder, and
/// <c>nesting 4 8 12 16</c> times compiling a spec with arrays nested that deep (capped at 90 s each).
/// </summary>
internal static class Harness
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(90);

    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "size":
                return Size(args[1], args.Length > 2 ? args[2] : null);
            case "compile":
                return CompileTime.Run(args);
            case "nesting":
                return Nesting(args.Skip(1).Select(int.Parse).ToArray());
            default:
                Console.Error.WriteLine("usage: size <specs dir> [out dir] | nesting <depth>... | compile <dir A> <runtime A> <dir B> <runtime B> [rounds]");
                return 2;
        }
    }

    private static int Size(string specsDirectory, string? outDirectory)
    {
        var specs = Directory.GetFiles(specsDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(path => (AdditionalText)new InMemorySpec(path, File.ReadAllText(path)))
            .ToArray();
        var stopwatch = Stopwatch.StartNew();
        var (compilation, diagnostics) = Generate(specs);
        var generated = compilation.SyntaxTrees.Skip(1).ToList();
        Console.WriteLine($"{specs.Length} specs, {generated.Count} files generated in {stopwatch.Elapsed.TotalSeconds:F1} s, {diagnostics.Length} generator diagnostics");
        long bytes = 0, lines = 0, docBytes = 0, docLines = 0, longLines = 0, maxLine = 0;
        foreach (var tree in generated)
        {
            var text = tree.GetText().ToString();
            if (outDirectory is not null)
            {
                Directory.CreateDirectory(outDirectory);
                File.WriteAllText(Path.Combine(outDirectory, Path.GetFileName(tree.FilePath)), text);
            }

            foreach (var line in text.Split('\n'))
            {
                var size = Encoding.UTF8.GetByteCount(line) + 1;
                bytes += size;
                lines++;
                if (line.TrimStart().StartsWith("///", StringComparison.Ordinal))
                {
                    docBytes += size;
                    docLines++;
                }

                longLines += line.Length > 200 ? 1 : 0;
                maxLine = Math.Max(maxLine, line.Length);
            }
        }

        Console.WriteLine($"all:         {lines,9:N0} lines {bytes,12:N0} bytes");
        Console.WriteLine($"without ///: {lines - docLines,9:N0} lines {bytes - docBytes,12:N0} bytes");
        Console.WriteLine($"lines over 200 chars: {longLines:N0}; longest line: {maxLine:N0} chars");
        stopwatch.Restart();
        var errors = compilation.GetDiagnostics().Count(d => d.Severity >= DiagnosticSeverity.Warning);
        Console.WriteLine($"compiling the generated API (GetDiagnostics, in process): {stopwatch.Elapsed.TotalSeconds:F1} s, {errors} warnings or errors");
        return 0;
    }

    private static int Nesting(int[] depths)
    {
        // Warm up Roslyn's JIT on a shallow spec, so the first depth measured is not mostly start-up.
        Generate(new AdditionalText[] { new InMemorySpec("/specs/Deep1.yaml", NestedSpec(1)) }).Compilation.Emit(Stream.Null);
        foreach (var depth in depths)
        {
            var spec = new InMemorySpec($"/specs/Deep{depth}.yaml", NestedSpec(depth));
            var (compilation, diagnostics) = Generate(new AdditionalText[] { spec });
            var size = compilation.SyntaxTrees.Skip(1).Sum(t => t.Length);
            var stopwatch = Stopwatch.StartNew();
            var task = Task.Run(() => compilation.Emit(Stream.Null));
            if (!task.Wait(Cap))
            {
                Console.WriteLine($"depth {depth,2}: generated {size:N0} chars; compile did not finish in {Cap.TotalSeconds:F0} s");
                Environment.Exit(0); // the compile thread cannot be stopped; deeper specs would only take longer
            }

            var errors = task.Result.Diagnostics.Count(d => d.Severity >= DiagnosticSeverity.Warning) + diagnostics.Length;
            Console.WriteLine($"depth {depth,2}: generated {size:N0} chars; compile (Emit, in process) {stopwatch.Elapsed.TotalSeconds:F2} s, {errors} warnings or errors");
        }

        return 0;
    }

    /// <summary>An operation whose json-style parameter and response member are arrays nested <paramref name="depth"/> deep.</summary>
    public static string NestedSpec(int depth)
    {
        var type = "{ type: string }";
        for (var i = 0; i < depth; i++)
        {
            type = "{ type: array, items: " + type + " }";
        }

        var parameter = type.Insert(type.IndexOf(',', StringComparison.Ordinal), ", style: json");
        return $"operation: Deep{depth}\nparameters:\n  P: {parameter}\nresponse:\n  properties:\n    Data: {type}\n";
    }

    /// <summary>What generated code compiles against besides the runtime: the framework and Microsoft.Extensions.</summary>
    public static IEnumerable<MetadataReference> FrameworkReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));

    private static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) Generate(AdditionalText[] specs)
    {
        var references = FrameworkReferences().Append(MetadataReference.CreateFromFile(typeof(DmsClientBase).Assembly.Location));
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Empty { } }", parseOptions) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(
                new[] { new DmsClientGenerator().AsSourceGenerator() },
                specs,
                parseOptions,
                new SpecOptionsProvider(new Dictionary<string, string> { ["build_property.DmsCodegenNamespace"] = "Consumer.Dms" }))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, CancellationToken.None);
        return (output, diagnostics);
    }
}
