using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
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
        Assert.Equal(new[] { "DmsClient.g.cs", "GetDataExportOrderDetail.g.cs", "GetDataTrackJobDegree.g.cs" }, run.HintNames.OrderBy(n => n));
    }
}
