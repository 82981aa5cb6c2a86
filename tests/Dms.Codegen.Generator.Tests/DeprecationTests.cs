using System;
using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Deprecated items are [Obsolete] for callers, and the generated code that still uses them compiles without
/// CS0612/CS0618, also from another spec file (a deprecated shared type, a deprecated enum value a waiter waits
/// for); a build with nothing deprecated carries no pragma for them.
/// </summary>
public class DeprecationTests
{
    private const string Pragma = "#pragma warning disable CS0612, CS0618";

    private const string Operation = """
        operation: GetThing
        parameters:
          OrderId: { type: int64, required: true }
          Mode: { type: string, deprecated: true }
        response:
          properties:
            Detail: { type: OldDetail }
        waiters:
          Done:
            status: Detail.State
            success: [GONE]

        """;

    private const string Shared = """
        types:
          OldDetail:
            deprecated: true
            properties:
              State: { type: ThingState }
              Legacy: { type: string, deprecated: true }
        enums:
          ThingState:
            values:
              RUNNING: running
              GONE: { name: Gone, deprecated: true }

        """;

    private const string Plain = """
        types:
          Detail:
            properties:
              State: { type: string }

        """;

    [Fact]
    public void DeprecatedItemsUsedAcrossFilesCompileWithoutObsoleteWarnings()
    {
        var run = GeneratorHarness.Run(("/specs/a.yaml", Operation), ("/specs/b.yaml", Shared), ("/specs/c.yaml", Plain));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.StrictDiagnostics(run.Output).Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = run.Result.GeneratedTrees.Select(t => t.GetText().ToString()).ToArray();
        Assert.Contains(generated, text => text.Contains("[global::System.Obsolete(", StringComparison.Ordinal));
        Assert.All(generated, text => Assert.Contains(Pragma, text, StringComparison.Ordinal));
    }

    [Fact]
    public void WithNothingDeprecatedNoFileSilencesObsoleteWarnings()
    {
        var run = GeneratorHarness.Run(("/specs/a.yaml", Undeprecated(Operation)), ("/specs/b.yaml", Undeprecated(Shared)), ("/specs/c.yaml", Plain));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Result.GeneratedTrees);
        Assert.Empty(GeneratorHarness.StrictDiagnostics(run.Output).Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.All(run.Result.GeneratedTrees, tree => Assert.DoesNotContain(Pragma, tree.GetText().ToString(), StringComparison.Ordinal));
    }

    private static string Undeprecated(string spec) => spec
        .Replace("    deprecated: true\n", string.Empty, StringComparison.Ordinal)
        .Replace(", deprecated: true", string.Empty, StringComparison.Ordinal);
}
