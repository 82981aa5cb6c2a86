using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Over a thousand mutated variants of the real specs: the generator never throws, and each variant ends
/// either in DMS diagnostics or in generated code that compiles with no warning at all.
/// </summary>
public class RobustnessTests
{
    private const int VariantsPerSpec = 560;

    public static IEnumerable<object[]> Seeds => new[]
    {
        new object[] { "GetDataExportOrderDetail.yaml", 1 },
        new object[] { "GetDataTrackJobDegree.yaml", 2 },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryVariantEndsInDiagnosticsOrCleanCode(string spec, int seed)
    {
        var text = GeneratorHarness.ReadSpec(spec);
        var compilation = GeneratorHarness.CreateCompilation();
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int> { ["diagnostics"] = 0, ["clean code"] = 0 };
        var variants = SpecMutator.Variants(spec, text, VariantsPerSpec, seed).ToList();
        Assert.True(variants.Count >= 500);

        foreach (var (name, variant) in variants)
        {
            var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { new InMemorySpec("/specs/" + spec, variant) }, trackSteps: false)
                .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
            var result = driver.GetRunResult();
            var generatorResult = result.Results.Single();
            if (generatorResult.Exception is not null || result.Diagnostics.Any(d => d.Id is "CS8785" or "DMS0013"))
            {
                failures.Add($"{name}: generator failed: {generatorResult.Exception?.ToString() ?? string.Join("; ", result.Diagnostics)}\n---\n{variant}");
                continue;
            }

            if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                Assert.All(result.Diagnostics, d => Assert.NotEqual(Location.None, d.Location));
                outcomes["diagnostics"]++;
                continue;
            }

            var problems = GeneratorHarness.StrictDiagnostics(output).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (problems.Count > 0)
            {
                failures.Add($"{name}: generated code does not compile cleanly: {string.Join("; ", problems.Take(3))}\n---\n{variant}");
                continue;
            }

            outcomes["clean code"]++;
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {variants.Count} variants failed; first:\n{failures.FirstOrDefault()}");
        // Both outcomes occur, so the corpus exercises the generator's code path as well as its error path.
        Assert.True(outcomes["diagnostics"] > 50 && outcomes["clean code"] > 50, string.Join(", ", outcomes));
    }
}
