using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>Names under C# rules: every valid-looking name ends in a located DMS diagnostic or in clean code.</summary>
public class NameRulesTests
{
    public static IEnumerable<object[]> ContextualKeywords =>
        SyntaxFacts.GetContextualKeywordKinds().Select(SyntaxFacts.GetText).Where(k => k.Length > 0).Append("_").Distinct().Select(k => new object[] { k });

    [Fact]
    public void OperationsThatDifferOnlyInCaseBothGenerateWithDistinctHintNames()
    {
        var run = GeneratorHarness.Run(
            ("/specs/a.yaml", Operation("GetThing")),
            ("/specs/b.yaml", Operation("Getthing")),
            ("/specs/c.yaml", Operation("getDataExportOrderDetail")),
            GeneratorHarness.RealSpec("GetDataExportOrderDetail.yaml"),
            ("/specs/d.yaml", Operation("Dmsclient")));

        AssertClean(run);
        Assert.Equal(run.HintNames.Count(), run.HintNames.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Getthing.2.g.cs", run.HintNames);
        Assert.Contains("Dmsclient.2.g.cs", run.HintNames);
        Assert.NotNull(run.Output.GetTypeByMetadataName("Contoso.Dms.getDataExportOrderDetailRequest"));
        Assert.NotNull(run.Output.GetTypeByMetadataName("Contoso.Dms.GetDataExportOrderDetailRequest"));
    }

    [Fact]
    public void ASecondFileOfOnePathStillGetsAUniqueHintName()
    {
        // The index keeps the first file of a path; the second's hint name is ranked as if the index held it.
        var run = GeneratorHarness.Run(
            ("/specs/a.yaml", Operation("GetThing")),
            ("/specs/a.yaml", Operation("Getthing")));

        Assert.DoesNotContain(run.SpecDiagnostics, d => d.Id == "DMS0013");
        Assert.Contains("GetThing.g.cs", run.HintNames);
        Assert.Contains("Getthing.2.g.cs", run.HintNames);
    }

    [Fact]
    public void Dms0017_MembersThatDifferOnlyByFormattingCharactersAreReportedAtBoth()
    {
        var yaml = "operation: GetThing\nresponse:\n  properties:\n    Foo: { type: string }\n    \"Foo\\u200B\": { type: string }\n    \"Bar\\u00AD\": { type: string }\n    \"Bar\\u200D\": { type: string }\n";
        var run = GeneratorHarness.Run(("/specs/test.yaml", yaml));

        var found = run.SpecDiagnostics.Where(d => d.Id == "DMS0017").Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).OrderBy(l => l).ToList();
        Assert.Equal(new[] { 4, 5, 6, 7 }, found);
        Assert.DoesNotContain("GetThing.g.cs", run.HintNames);
    }

    [Fact]
    public void Dms0006_TypesThatDifferOnlyByAFormattingCharacterAcrossFiles()
    {
        var run = GeneratorHarness.Run(
            ("/specs/a.yaml", "types:\n  Owner:\n    properties: { Name: { type: string } }\n"),
            ("/specs/b.yaml", "types:\n  \"Own\\u200Ber\":\n    properties: { Name: { type: string } }\n"));

        Assert.Equal(new[] { "/specs/a.yaml", "/specs/b.yaml" }, run.SpecDiagnostics.Where(d => d.Id == "DMS0006").Select(d => d.Location.GetLineSpan().Path).OrderBy(p => p));
        Assert.True(run.CompilationDiagnostics.IsEmpty);
    }

    [Fact]
    public void AFormattingCharacterAloneIsRemovedFromTheGeneratedName()
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", "operation: GetThing\nresponse:\n  properties:\n    \"Re\\u00ADquest\\u200BId\": { type: string }\n"));

        AssertClean(run);
        Assert.Contains("public string? RequestId", run.Source("GetThing.g.cs"));
    }

    [Theory]
    [MemberData(nameof(ContextualKeywords))]
    public void Dms0018_AContextualKeywordAsATypeOrEnumName(string keyword)
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", $"types:\n  \"{keyword}\":\n    properties: {{ X: {{ type: string }} }}\nenums:\n  \"{keyword}\":\n    values: {{ A: a }}\n"));

        Assert.Equal(2, run.SpecDiagnostics.Count(d => d.Id == "DMS0018"));
        Assert.Equal(new[] { 2, 5 }, run.SpecDiagnostics.Where(d => d.Id == "DMS0018").Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).OrderBy(l => l));
        Assert.True(run.CompilationDiagnostics.IsEmpty);
    }

    [Fact]
    public void EveryContextualKeywordAsAMemberNameCompilesCleanly()
    {
        var keywords = ContextualKeywords.Select(k => (string)k[0]).ToList();
        var members = string.Concat(keywords.Select(k => $"    \"{k}\": {{ type: string }}\n"));
        var values = string.Concat(keywords.Select((k, i) => $"      V{i}: {{ name: \"{k}\" }}\n"));
        var parameters = string.Concat(keywords.Select(k => $"  \"{k}\": {{ type: string, required: true }}\n"));
        var run = GeneratorHarness.Run(("/specs/test.yaml", $"operation: GetThing\nparameters:\n{parameters}response:\n  properties:\n{members}enums:\n  Word:\n    values:\n{values}"));

        AssertClean(run);
    }

    [Theory]
    [InlineData("types:\n  thing:\n    properties: { X: { type: string } }\n", 2, 3)]
    [InlineData("operation: GetThing\nresponse:\n  properties:\n    data:\n      properties: { X: { type: string } }\n", 5, 7)]
    public void Dms0018_ALowercaseTypeName(string yaml, int line, int column)
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", yaml));
        var diagnostic = Assert.Single(run.SpecDiagnostics, d => d.Id == "DMS0018");
        Assert.Equal((line, column), (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1));
    }

    [Fact]
    public void Dms0006_ATypeNamedLikeTheOperationsRequestInItsOwnSpec()
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", Operation("GetThing") + "types:\n  GetThingRequest:\n    properties: { X: { type: string } }\n"));

        Assert.Contains(run.SpecDiagnostics, d => d.Id == "DMS0006" && d.Location.GetLineSpan().StartLinePosition.Line == 7);
        Assert.True(run.CompilationDiagnostics.IsEmpty);
    }

    [Theory]
    [InlineData("A", 600)] // YAML itself refuses implicit keys of 1,024 characters or more (DMS0001)
    [InlineData("\u4e2d", 342)]
    public void Dms0019_ANameOf1024Utf8BytesOrMore(string unit, int count)
    {
        var name = "X" + string.Concat(Enumerable.Repeat(unit, count));
        var run = GeneratorHarness.Run(
            ("/specs/member.yaml", $"operation: GetThing\nresponse:\n  properties:\n    {name}: {{ type: string }}\n"),
            ("/specs/type.yaml", $"types:\n  {name}:\n    properties: {{ X: {{ type: string }} }}\n"),
            ("/specs/op.yaml", $"operation: {name}\n"));

        Assert.Equal(3, run.SpecDiagnostics.Count(d => d.Id == "DMS0019"));
        Assert.True(run.CompilationDiagnostics.IsEmpty);
    }

    [Fact]
    public void ALongOperationNameJustUnderTheLimitGeneratesWithAShortHintName()
    {
        var name = "Get" + new string('x', 480);
        var run = GeneratorHarness.Run(("/specs/long.yaml", Operation(name)));

        AssertClean(run);
        Assert.All(run.HintNames, h => Assert.True(h.Length < 120, h));
    }

    [Theory]
    [InlineData("x", 1)]
    [InlineData("\u4e2d", 3)]
    public void TheLongestNamesTheGeneratorTakesFitTheMetadataLimit(string unit, int bytes)
    {
        // CS7013 (a metadata name over 1,024 UTF-8 bytes: namespace, dot and type name) is reported only when
        // the assembly is written, so this test emits it; the longest namespace and type name are taken together.
        string Longest(string first) => first + string.Concat(Enumerable.Repeat(unit, (500 - first.Length) / bytes));
        var (space, operation, type) = (Longest("N"), Longest("Get"), Longest("T"));
        var spec = Operation(operation) + $"    Items:\n      type: array\n      items:\n        properties: {{ X: {{ type: {type} }} }}\n"
            + $"types:\n  {type}:\n    properties: {{ Y: {{ type: string }} }}\n";
        var run = ConsumerProject.Run(new AdditionalText[] { new InMemorySpec("/specs/long.yaml", spec) }, System.Array.Empty<string>(), ConsumerProject.Properties(("DmsCodegenNamespace", space)));

        Assert.True(run.Dms.IsEmpty && run.AddedProblems.Count == 0, run.Describe());
        var emitted = run.Output.Emit(new System.IO.MemoryStream());
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(3)));
        Assert.Contains(run.Output.Assembly.TypeNames, name => name.StartsWith(operation, System.StringComparison.Ordinal) && name.Length > 500 / bytes);
    }

    [Fact]
    public void CharactersXmlCannotHoldAreShownAsCodePointsInDocs()
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", "operation: GetThing\nsummary: \"a\\uFFFEb\\uFFFFc\\u0001d\\u2028e\"\nresponse:\n  properties:\n    RequestId: { type: string, description: \"x\\uFFFEy\" }\n"));

        AssertClean(run);
        Assert.Contains("aU+FFFEbU+FFFFcU+0001dU+2028e", run.Source("GetThing.g.cs"));
    }

    private static string Operation(string name) => $"operation: {name}\nparameters:\n  OrderId: {{ type: int64, required: true }}\nresponse:\n  properties:\n    RequestId: {{ type: string }}\n";

    private static void AssertClean(GeneratorRun run)
    {
        Assert.True(run.SpecDiagnostics.IsEmpty, string.Join("\n", run.SpecDiagnostics));
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(10)));
    }
}
