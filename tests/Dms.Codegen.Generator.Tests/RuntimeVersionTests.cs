using System.IO;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>DMS0090: a referenced Dms.Codegen.Runtime older than the generator's minimum is reported.</summary>
public class RuntimeVersionTests
{
    private static readonly AdditionalText[] Specs = { new InMemorySpec("/specs/a.yaml", "operation: GetThing\nresponse:\n  properties:\n    RequestId: { type: string }\n") };

    [Fact]
    public void AnOlderRuntimeIsReportedWithBothVersions()
    {
        var run = RunWith(FakeRuntime("0.0.1.0"));
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "DMS0090");
        Assert.Contains("Dms.Codegen.Runtime 0.0.1,", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains(RuntimeVersionCheck.Minimum.ToString(3) + " or newer", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void TheRuntimeOfThisBuildAndANewerOneAreNotReported()
    {
        Assert.DoesNotContain(GeneratorHarness.Run(Specs).SpecDiagnostics, d => d.Id == "DMS0090");
        var minimum = RuntimeVersionCheck.Minimum;
        Assert.DoesNotContain(RunWith(FakeRuntime($"{minimum.Major}.{minimum.Minor}.{minimum.Build}.0")).Diagnostics, d => d.Id == "DMS0090");
        Assert.DoesNotContain(RunWith(FakeRuntime($"{minimum.Major + 1}.0.0.0")).Diagnostics, d => d.Id == "DMS0090");
    }

    [Fact]
    public void AProjectWithoutTheRuntimeGetsDms0014NotDms0090()
    {
        var run = GeneratorHarness.Run(Specs, withRuntime: false);
        Assert.Contains(run.SpecDiagnostics, d => d.Id == "DMS0014");
        Assert.DoesNotContain(run.SpecDiagnostics, d => d.Id == "DMS0090");
    }

    private static GeneratorDriverRunResult RunWith(MetadataReference runtime)
    {
        var compilation = GeneratorHarness.CreateCompilation(withRuntime: false).AddReferences(runtime);
        return GeneratorHarness.CreateDriver(Specs).RunGenerators(compilation, CancellationToken.None).GetRunResult();
    }

    /// <summary>An assembly named Dms.Codegen.Runtime, of the given version, with the type the generator looks for.</summary>
    private static MetadataReference FakeRuntime(string version)
    {
        var source = $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\nnamespace Dms.Codegen {{ public abstract class DmsClientBase {{ }} }}";
        var compilation = CSharpCompilation.Create(
            "Dms.Codegen.Runtime",
            new[] { CSharpSyntaxTree.ParseText(source) },
            GeneratorHarness.MetadataReferences.Where(r => !r.Display!.Contains("Dms.Codegen.Runtime", System.StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
