using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Every one of the 325 specs, mutated in each of the ways an editor breaks a file (indentation off by one or two,
/// a tab before a top-level key, two lines swapped, a name in the wrong case) and in each of the older kinds of
/// <see cref="SpecMutator"/>. Each mutant runs through the generator alone: nothing escapes it, every diagnostic
/// points inside the YAML file, and a mutant with no DMS error either generates exactly what the unmutated spec does
/// (which <see cref="WholeApiTests"/> compiles) or is in the sample compiled here with no warning.
/// </summary>
public class RobustnessCorpusTests
{
    private const int Seed = 9;

    // A mutant costs a few milliseconds to generate and about a hundred to compile, so a deterministic sample of
    // the mutants whose generated code changed is compiled, in batches of distinct specs sharing one compilation.
    private const int MaxCompiled = 60;
    private const int BatchSize = 30;

    private static readonly string[] GeneratorFailureIds = { "CS8785", "AD0001", "DMS0013" };

    [Fact]
    public void EveryMutantOfEverySpecEndsInLocatedDiagnosticsOrCleanCode()
    {
        var specs = CorpusMutations.AllSpecs();
        Assert.Equal(325, specs.Count);
        var compilation = GeneratorHarness.CreateCompilation();
        var runner = new SpecRunner(compilation);
        var random = new Random(Seed);
        var failures = new List<string>();
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var changed = new List<(Mutant Mutant, string Code)>();

        foreach (var (spec, text) in specs)
        {
            var original = runner.Run("/specs/" + spec, text);
            Assert.True(original.Diagnostics.IsEmpty, $"{spec}: {string.Join("; ", original.Diagnostics)}");
            var mutants = CorpusMutations.For(spec, text, random)
                .Concat(SpecMutator.OneOfEach(text, random).Select(v => new Mutant(spec, v.Kind, v.Text)));
            foreach (var mutant in mutants)
            {
                var (outcome, code) = Check(runner, mutant, original.Code, failures);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (outcome == "changed code")
                {
                    changed.Add((mutant, code));
                }
            }
        }

        // Hand-written specs are not in WholeApiTests' compile, so their unmutated code is compiled here too.
        var toCompile = specs.Where(s => !s.Name.StartsWith("library/", StringComparison.Ordinal)).Select(s => new Mutant(s.Name, "original", s.Text))
            .Concat(changed.GroupBy(c => c.Code, StringComparer.Ordinal).Select(g => g.First().Mutant).OrderBy(_ => random.Next()).Take(MaxCompiled))
            .ToList();
        foreach (var batch in Batches(toCompile))
        {
            CompileCleanly(compilation, batch, failures);
        }

        var summary = string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}")) + $"; {toCompile.Count} compiled";
        var byKind = failures.GroupBy(f => f.Substring(0, f.IndexOf(':', StringComparison.Ordinal)).Split('/').Last()).ToList();
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} failures ({string.Join(", ", byKind.Select(g => $"{g.Count()} {g.Key}"))}; {summary}); the first of each kind:\n{string.Join("\n====\n", byKind.Select(g => g.First()))}");
        // Both paths are exercised in bulk: the error path and the generator's code path.
        Assert.True(outcomes.GetValueOrDefault("diagnostics") > 1000 && outcomes.GetValueOrDefault("changed code") > MaxCompiled, summary);
    }

    /// <summary>Runs one mutant alone and returns its outcome; a broken promise is added to <paramref name="failures"/>.</summary>
    private static (string Outcome, string Code) Check(SpecRunner runner, Mutant mutant, string originalCode, List<string> failures)
    {
        var run = runner.Run("/specs/" + mutant.Spec, mutant.Text);
        if (run.Exception is not null || run.Diagnostics.Any(d => GeneratorFailureIds.Contains(d.Id)))
        {
            failures.Add($"{mutant.Name}: generator failed: {run.Exception?.ToString() ?? string.Join("; ", run.Diagnostics)}\n---\n{mutant.Text}");
            return ("failure", run.Code);
        }

        var text = SourceText.From(mutant.Text);
        foreach (var diagnostic in run.Diagnostics)
        {
            if (LocationProblem(diagnostic, "/specs/" + mutant.Spec, text) is { } problem)
            {
                failures.Add($"{mutant.Name}: {diagnostic.Id} {problem}: {diagnostic}\n---\n{mutant.Text}");
                return ("failure", run.Code);
            }
        }

        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (mutant.TabLine is { } tabLine && (errors.Count == 0 || errors[0].Location.GetLineSpan().StartLinePosition.Line != tabLine))
        {
            failures.Add($"{mutant.Name}: a tab on line {tabLine + 1} was reported as: {(errors.Count == 0 ? "nothing" : string.Join("; ", errors))}\n---\n{mutant.Text}");
            return ("failure", run.Code);
        }

        return (errors.Count > 0 ? "diagnostics" : run.Code == originalCode ? "unchanged code" : "changed code", run.Code);
    }

    /// <summary>Null when the diagnostic's location is a real position in this YAML file.</summary>
    private static string? LocationProblem(Diagnostic diagnostic, string path, SourceText text)
    {
        if (diagnostic.Location.Kind != LocationKind.ExternalFile)
        {
            return $"has no file location ({diagnostic.Location.Kind})";
        }

        var span = diagnostic.Location.GetLineSpan();
        if (span.Path != path)
        {
            return $"points at {span.Path}";
        }

        foreach (var position in new[] { span.StartLinePosition, span.EndLinePosition })
        {
            if (position.Line < 0 || position.Line >= text.Lines.Count || position.Character < 0 || position.Character > text.Lines[position.Line].Span.Length)
            {
                return $"is at {position.Line + 1}:{position.Character + 1}, outside the file ({text.Lines.Count} lines)";
            }
        }

        return diagnostic.Location.SourceSpan.End > text.Length ? $"spans past the end of the file ({diagnostic.Location.SourceSpan})" : null;
    }

    /// <summary>Batches of at most <see cref="BatchSize"/> mutants of distinct specs, so their types never clash.</summary>
    private static IEnumerable<List<Mutant>> Batches(List<Mutant> mutants)
    {
        var remaining = mutants.ToList();
        while (remaining.Count > 0)
        {
            var batch = remaining.GroupBy(m => m.Spec.ToUpperInvariant()).Select(g => g.First()).Take(BatchSize).ToList();
            remaining = remaining.Except(batch).ToList();
            yield return batch;
        }
    }

    private static void CompileCleanly(Compilation compilation, List<Mutant> batch, List<string> failures)
    {
        var specs = batch.Select(m => (AdditionalText)new InMemorySpec("/specs/" + m.Spec, m.Text)).ToArray();
        var driver = GeneratorHarness.CreateDriver(specs, trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
        var result = driver.GetRunResult();
        var problems = result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
            ? result.Diagnostics.ToList()
            : GeneratorHarness.StrictDiagnostics(output).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        if (batch.Count > 1)
        {
            // Compiled apart, each mutant gets its own failure; two mutants may also both declare a name (a DMS0006
            // across files, which is right), which they do not alone.
            foreach (var mutant in batch)
            {
                CompileCleanly(compilation, new List<Mutant> { mutant }, failures);
            }

            return;
        }

        failures.Add($"{batch[0].Name}: generated code does not compile cleanly: {string.Join("; ", problems.Take(3))}\n---\n{batch[0].Text}");
    }
}
