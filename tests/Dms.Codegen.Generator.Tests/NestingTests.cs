using System.Linq;
using Dms.Codegen.Generator.Parsing;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Arrays and maps nested as deep as the generator accepts compile cleanly, and the generated code grows
/// linearly with the depth, up to the limit: nested generic lambdas once made it (and compile time) grow
/// exponentially, and one helper per level, each spelling its level's type, with the square of the depth.
/// </summary>
public class NestingTests
{
    // The response's member is the value of a key three YAML levels below the root (response, properties, Data)
    // and each array or map level adds one, so this is the deepest nesting YamlReader reads without DMS0015.
    private const int DeepestAccepted = YamlReader.MaxDepth - 4;

    [Theory]
    [InlineData("array")]
    [InlineData("map")]
    public void NestingUpToTheDepthLimitCompilesCleanly(string kind)
    {
        var run = GeneratorHarness.Run(("/specs/deep.yaml", NestedSpec(kind, DeepestAccepted)));

        Assert.True(run.SpecDiagnostics.IsEmpty, string.Join("\n", run.SpecDiagnostics));
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(5)));
        Assert.Contains("Deep.g.cs", run.HintNames);
    }

    [Theory]
    [InlineData("array")]
    [InlineData("map")]
    public void OneLevelPastTheLimitIsDms0015(string kind)
    {
        var run = GeneratorHarness.Run(("/specs/deep.yaml", NestedSpec(kind, DeepestAccepted + 1)));

        Assert.Contains(run.SpecDiagnostics, d => d.Id == "DMS0015");
        Assert.DoesNotContain("Deep.g.cs", run.HintNames);
    }

    [Theory]
    [InlineData("array", 4)]
    [InlineData("array", 8)]
    [InlineData("array", 16)]
    [InlineData("array", DeepestAccepted / 2)]
    [InlineData("map", 4)]
    [InlineData("map", 8)]
    [InlineData("map", 16)]
    [InlineData("map", DeepestAccepted / 2)]
    public void TwiceTheDepthIsAtMostAboutTwiceTheCode(string kind, int n)
    {
        var (size, doubled) = (GeneratedSize(kind, n), GeneratedSize(kind, 2 * n));

        Assert.True(doubled <= 2.2 * size, $"depth {2 * n}: {doubled} chars, depth {n}: {size} chars");
    }

    private static int GeneratedSize(string kind, int depth)
    {
        var run = GeneratorHarness.Run(("/specs/deep.yaml", NestedSpec(kind, depth)));
        Assert.True(run.SpecDiagnostics.IsEmpty, string.Join("\n", run.SpecDiagnostics));
        return run.Source("Deep.g.cs").Length;
    }

    /// <summary>An operation whose json-style parameter and response member nest <paramref name="depth"/> arrays or maps of strings.</summary>
    private static string NestedSpec(string kind, int depth)
    {
        var type = "{ type: string }";
        for (var i = 0; i < depth; i++)
        {
            type = kind == "array" ? $"{{ type: array, items: {type} }}" : $"{{ type: map, additionalProperties: {type} }}";
        }

        var parameter = type.Insert(type.IndexOf(',', System.StringComparison.Ordinal), ", style: json");
        return $"operation: Deep\nparameters:\n  P: {parameter}\nresponse:\n  properties:\n    Data: {type}\n";
    }
}
