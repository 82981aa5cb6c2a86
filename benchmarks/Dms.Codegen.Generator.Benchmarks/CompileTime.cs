using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dms.Codegen.Generator.Benchmarks;

/// <summary>
/// <c>compile &lt;dir A&gt; &lt;runtime A.dll&gt; &lt;dir B&gt; &lt;runtime B.dll&gt; [rounds]</c>, run by hand: how long
/// the C# compiler takes (parse, bind, emit IL) for two sets of generated files, each against the runtime it
/// was generated for (e.g. an older commit's output, saved with <c>size specs &lt;out dir&gt;</c>). A and B alternate
/// in each round and the median round is reported, so a change in the machine's load moves both sides alike.
/// </summary>
internal static class CompileTime
{
    public static int Run(string[] args)
    {
        var a = (Files: args[1], Runtime: args[2]);
        var b = (Files: args[3], Runtime: args[4]);
        var rounds = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var times = new List<(double A, double B)>();
        Compile(a.Files, a.Runtime, out var errorsA); // warm-up: JIT the compiler once
        for (var round = 0; round < rounds; round++)
        {
            times.Add((Compile(a.Files, a.Runtime, out errorsA), Compile(b.Files, b.Runtime, out var errorsB)));
            Console.WriteLine($"round {round + 1}: A {times[^1].A:F1} s ({errorsA} errors), B {times[^1].B:F1} s ({errorsB} errors)");
        }

        var medianA = times.Select(t => t.A).Order().ElementAt(rounds / 2);
        var medianB = times.Select(t => t.B).Order().ElementAt(rounds / 2);
        var ratio = times.Select(t => t.B / t.A).Order().ElementAt(rounds / 2);
        Console.WriteLine($"median: A {medianA:F1} s, B {medianB:F1} s; B/A per round, median {ratio:F2}");
        return 0;
    }

    private static double Compile(string directory, string runtime, out int errors)
    {
        var stopwatch = Stopwatch.StartNew();
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = Directory.GetFiles(directory, "*.cs")
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path));
        var compilation = CSharpCompilation.Create(
            "Consumer",
            trees,
            Harness.FrameworkReferences().Append(MetadataReference.CreateFromFile(runtime)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var result = compilation.Emit(Stream.Null);
        errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        return stopwatch.Elapsed.TotalSeconds;
    }
}
