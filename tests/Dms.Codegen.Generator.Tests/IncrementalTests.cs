using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Parsing;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>The pipeline re-runs only what an edit touches (tracked incremental steps).</summary>
public class IncrementalTests
{
    private static readonly string[] PerFileSteps = { TrackingNames.Parse, TrackingNames.Summaries, TrackingNames.Validate, TrackingNames.Model };

    [Fact]
    public void RunningAgainWithNoChangeCachesEveryStep()
    {
        var (driver, compilation) = FirstRun(Specs());
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertAllReusable(result, PerFileSteps.Append(TrackingNames.Index).Append(TrackingNames.Options));
    }

    [Fact]
    public void AddingUnrelatedCSharpCodeReRunsNothing()
    {
        var (driver, compilation) = FirstRun(Specs());
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace User { public class Unrelated { public int X; } }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllReusable(result, PerFileSteps.Append(TrackingNames.Index).Append(TrackingNames.Options));
    }

    [Fact]
    public void AddingAnUnrelatedAdditionalFileReRunsNoSpecStep()
    {
        var (driver, compilation) = FirstRun(Specs());
        driver = driver.AddAdditionalTexts(System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(new InMemorySpec("/other/appsettings.yaml", "a: b", isSpec: false)));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertAllReusable(result, PerFileSteps.Append(TrackingNames.Index));
    }

    [Fact]
    public void EditingOneSpecReRunsOnlyThatSpecsSteps()
    {
        var specs = Specs();
        var (driver, compilation) = FirstRun(specs);
        var old = specs[0];
        var edited = new InMemorySpec(old.Path, old.GetText()!.ToString().Replace("Queries the information about a data export ticket.", "Looks up a data export ticket."));
        driver = driver.ReplaceAdditionalText(old, edited);
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in PerFileSteps)
        {
            var runs = result.TrackedSteps[step];
            var other = runs.Where(r => PathOf(r) == specs[1].Path).ToList();
            Assert.NotEmpty(other);
            Assert.All(other, r => Assert.All(r.Outputs, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged })));
        }

        // The edited file itself did change: the check above is not one that always passes.
        var editedModel = result.TrackedSteps[TrackingNames.Model].Single(r => PathOf(r) == old.Path);
        Assert.Equal(IncrementalStepRunReason.Modified, editedModel.Outputs.Single().Reason);

        // A description edit changes no declared name, so the cross-file index is unchanged too.
        Assert.All(result.TrackedSteps[TrackingNames.Index], r => Assert.All(r.Outputs, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged })));
    }

    [Fact]
    public void ParsingTheSameTextTwiceGivesEqualModels()
    {
        var text = GeneratorHarness.ReadSpec("GetDataExportOrderDetail.yaml");
        var first = SpecParser.Parse("/specs/a.yaml", text, default);
        var second = SpecParser.Parse("/specs/a.yaml", text, default);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, SpecParser.Parse("/specs/a.yaml", text.Replace("The precheck ID.", "The pre-check ID."), default));
    }

    [Fact]
    public void ModelsHoldNoRoslynOrYamlObjects()
    {
        var parsed = SpecParser.Parse("/specs/a.yaml", GeneratorHarness.ReadSpec("GetDataExportOrderDetail.yaml"), default);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        AssertGraph(parsed, visited);
        Assert.True(visited.Count > 50, "the walk reached the model's contents");
    }

    private static void AssertGraph(object? node, HashSet<object> visited)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !visited.Add(node))
        {
            return;
        }

        var type = node.GetType();
        Assert.False(node is ISymbol or SyntaxNode or Location or Compilation or YamlNode or AdditionalText, $"{type} found in a pipeline model");
        Assert.DoesNotContain("YamlDotNet", type.FullName!);
        if (type == typeof(DiagnosticDescriptor))
        {
            return; // a static descriptor, compared by id
        }

        if (node is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertGraph(item, visited);
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertGraph(field.GetValue(node), visited);
        }
    }

    private static InMemorySpec[] Specs() => new[]
    {
        new InMemorySpec("/specs/GetDataExportOrderDetail.yaml", GeneratorHarness.ReadSpec("GetDataExportOrderDetail.yaml")),
        new InMemorySpec("/specs/GetDataTrackJobDegree.yaml", GeneratorHarness.ReadSpec("GetDataTrackJobDegree.yaml")),
    };

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(AdditionalText[] specs)
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(specs).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        return (driver, compilation);
    }

    private static void AssertAllReusable(GeneratorRunResult result, IEnumerable<string> steps)
    {
        foreach (var step in steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (var run in result.TrackedSteps[step])
            {
                Assert.All(run.Outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
            }
        }
    }

    /// <summary>Which spec file a per-file step's output belongs to.</summary>
    private static string? PathOf(IncrementalGeneratorRunStep run) => run.Outputs.Single().Value switch
    {
        AdditionalText text => text.Path,
        ParsedSpec parsed => parsed.Summary.FilePath,
        SpecSummary summary => summary.FilePath,
        ValidatedSpec validated => validated.Model?.Operation?.Name is { } name ? "/specs/" + name + ".yaml" : null,
        SpecModel model => model.Operation?.Name is { } name ? "/specs/" + name + ".yaml" : null,
        _ => null,
    };
}
