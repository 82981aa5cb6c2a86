using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Each file's JSON helper class has its own name: Roslyn checks every same-named file-local type of a namespace
/// on each reference, so one name shared by all files cost references x files to compile.
/// </summary>
public class FileHelpersNameTests
{
    [Fact]
    public void EachFileNamesItsHelperClassAfterItself()
    {
        const string Spec = "operation: {0}\nparameters:\n  P: {{ type: array, items: {{ type: string }}, style: json }}\n"
            + "response:\n  properties:\n    Data: {{ type: array, items: {{ type: array, items: {{ type: string }} }} }}\n";
        var run = GeneratorHarness.Run(("/specs/ListWidgets.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, Spec, "ListWidgets")), ("/specs/ListGadgets.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, Spec, "ListGadgets")));

        Assert.Empty(run.SpecDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(5)));
        foreach (var operation in new[] { "ListWidgets", "ListGadgets" })
        {
            var source = run.Source(operation + ".g.cs");
            Assert.Contains($"file static class GeneratedJson_{operation}\n", source, System.StringComparison.Ordinal);
            Assert.Contains($"GeneratedJson_{operation}.ReadStringItem", source, System.StringComparison.Ordinal);
            Assert.DoesNotContain("GeneratedJson.", source, System.StringComparison.Ordinal);
        }
    }
}
