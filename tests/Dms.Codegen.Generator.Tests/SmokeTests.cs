using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void SeedSpecsGenerateCodeThatCompilesWithoutWarnings()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.RealSpec("GetDataExportOrderDetail.yaml"), GeneratorHarness.RealSpec("GetDataTrackJobDegree.yaml"));
        Assert.Empty(run.SpecDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(15)));
        Assert.Equal(new[] { "DmsClient.Operations.g.cs", "DmsClient.g.cs", "GetDataExportOrderDetail.g.cs", "GetDataTrackJobDegree.g.cs" }, run.HintNames.OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void NamespaceAndClientNameComeFromMsBuildProperties()
    {
        var run = GeneratorHarness.Run(
            new Microsoft.CodeAnalysis.AdditionalText[] { new InMemorySpec("/specs/GetDataTrackJobDegree.yaml", GeneratorHarness.ReadSpec("GetDataTrackJobDegree.yaml")) },
            globalOptions: new System.Collections.Generic.Dictionary<string, string>
            {
                ["build_property.RootNamespace"] = "Fallback.Root",
                ["build_property.DmsCodegenClientName"] = "EnterpriseDms",
            });

        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(5)));
        Assert.Contains("EnterpriseDms.g.cs", run.HintNames);
        Assert.NotNull(run.Output.GetTypeByMetadataName("Fallback.Root.EnterpriseDms"));
        Assert.NotNull(run.Output.GetTypeByMetadataName("Fallback.Root.GetDataTrackJobDegreeRequest"));
    }
}
