using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Dms.Codegen.Generator;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dms.Codegen.Generator.Benchmarks;

/// <summary>
/// Cold generation for N synthetic specs, re-generation after editing one spec of N, and YamlDotNet
/// parsing the same files alone: the floor the generator is measured against.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private ImmutableArray<AdditionalText> _specs;
    private GeneratorDriver _warmDriver = null!;
    private AdditionalText _editTarget = null!;
    private AdditionalText _edited = null!;

    /// <summary>N synthetic copies of the seed spec, or <c>real</c>: the 325 operations in specs/ and specs/library/.</summary>
    [Params("2", "100", "1000", "real")]
    public string Specs { get; set; } = "2";

    [GlobalSetup]
    public void Setup()
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GetDataExportOrderDetail.yaml"));
        _specs = Specs == "real"
            ? Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "specs"), "*.yaml").Select(p => (AdditionalText)new InMemorySpec(p, File.ReadAllText(p))).ToImmutableArray()
            : Enumerable.Range(0, int.Parse(Specs, System.Globalization.CultureInfo.InvariantCulture)).Select(i => (AdditionalText)new InMemorySpec($"/specs/Op{i}.yaml", Synthetic(template, i))).ToImmutableArray();
        _compilation = CSharpCompilation.Create(
            "Consumer",
            references: new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(DmsClientBase).Assembly.Location) });
        _warmDriver = CreateDriver().RunGenerators(_compilation);
        AssertGenerated(_warmDriver);
        // The real corpus edits the hand-written seed (a description change, as in the synthetic ones).
        _editTarget = Specs == "real" ? _specs.First(s => s.Path.EndsWith("GetDataExportOrderDetail.yaml", StringComparison.Ordinal)) : _specs[_specs.Length / 2];
        _edited = new InMemorySpec(_editTarget.Path, _editTarget.GetText()!.ToString().Replace("The precheck ID.", "The ID of the precheck."));
    }

    [Benchmark(Description = "cold generation")]
    public GeneratorDriver ColdGeneration() => CreateDriver().RunGenerators(_compilation);

    [Benchmark(Description = "re-generation after editing one spec")]
    public GeneratorDriver EditOneSpec() => _warmDriver.ReplaceAdditionalText(_editTarget, _edited).RunGenerators(_compilation);

    [Benchmark(Baseline = true, Description = "YamlDotNet parse only (floor)")]
    public int YamlDotNetParseOnly()
    {
        var events = 0;
        foreach (var spec in _specs)
        {
            var parser = new YamlDotNet.Core.Parser(new StringReader(spec.GetText()!.ToString()));
            while (parser.MoveNext())
            {
                events++;
            }
        }

        return events;
    }

    private GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new[] { new DmsClientGenerator().AsSourceGenerator() },
        _specs,
        CSharpParseOptions.Default,
        new SpecOptionsProvider(new Dictionary<string, string>()));

    /// <summary>The seed spec with its declared names (operation, enum, waiters) made unique, so N copies are N operations.</summary>
    private static string Synthetic(string template, int index) => template
        .Replace("GetDataExportOrderDetail", $"GetDataExportOrderDetail{index}")
        .Replace("DataExportJobStatus", $"DataExportJobStatus{index}")
        .Replace("  ExportPrecheckFinished:", $"  ExportPrecheckFinished{index}:")
        .Replace("  ExportApproved:", $"  ExportApproved{index}:")
        .Replace("  ExportFinished:", $"  ExportFinished{index}:");

    private void AssertGenerated(GeneratorDriver driver)
    {
        var result = driver.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length < _specs.Length + 1)
        {
            throw new InvalidOperationException($"Setup did not generate {_specs.Length} files: {string.Join("; ", result.Diagnostics.Take(3))}");
        }
    }
}
