using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>Each diagnostic id, asserted with the YAML file, line and column (1-based, as the compiler prints them).</summary>
public class DiagnosticTests
{
    private const string Valid = """
        operation: GetThing
        parameters:
          OrderId: { type: int64, required: true }
        response:
          properties:
            RequestId: { type: string }
        """;

    [Fact]
    public void Dms0001_YamlSyntaxError()
    {
        var d = Single("operation: GetThing\nparameters:\n  OrderId: { type: int64\n", "DMS0001");
        AssertAt(d, 4, 1);
    }

    [Fact]
    public void Dms0001_MoreThanOneDocument() => AssertAt(Single("operation: A\n---\noperation: B\n", "DMS0001"), 2, 1);

    [Fact]
    public void Dms0001_MalformedFlowCollectionThatYamlDotNetRejectsWithoutAYamlException() =>
        Single("operation: GetThing\nresponse:\n  [  description: a\n  b: c\n", "DMS0001");

    [Fact]
    public void Dms0001_UnpairedSurrogateInAName() =>
        AssertAt(Single("operation: GetThing\nresponse:\n  properties:\n    \"A\\uD800\": { type: string, name: A }\n", "DMS0001"), 4, 5);

    [Fact]
    public void Dms0001_TabUsedAsIndentationBeforeATopLevelKey() =>
        AssertAt(Single("operation: GetThing\nparameters:\n  Id: { type: int64 }\n\tmethod: GET\n", "DMS0001"), 4, 1);

    [Fact]
    public void Dms0001_TabInTheIndentationAfterAPlainScalar() =>
        AssertAt(Single("operation: GetThing\nsummary: a\n\tmethod: GET\n", "DMS0001"), 3, 1);

    [Fact]
    public void Dms0003_FileOfCommentsWithoutAFinalLineBreakIsLocatedOnItsLastLine() =>
        AssertAt(Single("# a\n# b", "DMS0003"), 2, 4);

    [Fact]
    public void Dms0002_UnknownTopLevelKey() => AssertAt(Single(Valid + "\nsumary: typo\n", "DMS0002"), 7, 1);

    [Fact]
    public void Dms0002_UnknownKeyInAProperty()
    {
        var d = Single("operation: GetThing\nresponse:\n  properties:\n    RequestId:\n      type: string\n      descripton: typo\n", "DMS0002");
        AssertAt(d, 6, 7);
        Assert.Contains("descripton", d.GetMessage());
    }

    [Fact]
    public void Dms0003_EmptyFileHasNoOperation() => AssertAt(Single("", "DMS0003"), 1, 1);

    [Fact]
    public void Dms0003_SchemaWithoutType() => AssertAt(Single("operation: GetThing\nparameters:\n  OrderId:\n    required: true\n", "DMS0003"), 4, 5);

    [Fact]
    public void Dms0003_ArrayWithoutItems() => AssertAt(Single("operation: GetThing\nparameters:\n  Ids:\n    type: array\n    style: json\n", "DMS0003"), 4, 11);

    [Fact]
    public void Dms0004_InvalidWord() => AssertAt(Single("operation: GetThing\nmethod: PUT\n", "DMS0004"), 2, 9);

    [Fact]
    public void Dms0004_WrongShape() => AssertAt(Single("operation: GetThing\nparameters:\n  - OrderId\n", "DMS0004"), 3, 3);

    [Fact]
    public void Dms0004_NotABoolean() => AssertAt(Single("operation: GetThing\nparameters:\n  OrderId: { type: int64, required: yes }\n", "DMS0004"), 3, 37);

    [Fact]
    public void Dms0005_UnknownType() => AssertAt(Single("operation: GetThing\nresponse:\n  properties:\n    Status: { type: JobStatuz }\n", "DMS0005"), 4, 21);

    [Fact]
    public void Dms0006_SameOperationInTwoFiles()
    {
        var run = GeneratorHarness.Run(("/specs/a.yaml", Valid), ("/specs/b.yaml", Valid));
        var diagnostics = run.SpecDiagnostics.Where(d => d.Id == "DMS0006").ToList();
        Assert.Equal(new[] { "/specs/a.yaml", "/specs/b.yaml" }, diagnostics.Select(d => d.Location.GetLineSpan().Path).Distinct().OrderBy(p => p));
        Assert.All(diagnostics, d => AssertAt(d, 1, 12));
        Assert.DoesNotContain(run.HintNames, n => n.StartsWith("GetThing", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Dms0006_SameEnumInTwoFiles()
    {
        const string enums = "enums:\n  Color:\n    values: { RED: red }\n";
        var run = GeneratorHarness.Run(("/specs/a.yaml", enums), ("/specs/b.yaml", enums));
        Assert.Equal(2, run.SpecDiagnostics.Count(d => d.Id == "DMS0006"));
        AssertAt(run.SpecDiagnostics.First(d => d.Id == "DMS0006"), 2, 3);
    }

    [Fact]
    public void Dms0007_WireNameThatIsNotAnIdentifier()
    {
        var d = Single("operation: GetThing\nresponse:\n  properties:\n    request-id: { type: string }\n", "DMS0007");
        AssertAt(d, 4, 5);
        Assert.Contains("name:", d.GetMessage());
    }

    [Fact]
    public void Dms0007_InvalidOperationName() => AssertAt(Single("operation: Get Thing\n", "DMS0007"), 1, 12);

    [Fact]
    public void Dms0007_EnumValueWithoutLettersOrDigits() => AssertAt(Single("enums:\n  Sign:\n    values:\n      \"+\": plus\n", "DMS0007"), 4, 7);

    [Fact]
    public void Dms0008_Keyword() => AssertAt(Single("operation: GetThing\nresponse:\n  properties:\n    class: { type: string }\n", "DMS0008"), 4, 5);

    [Fact]
    public void Dms0008_KeywordInName() => AssertAt(Single("operation: GetThing\nresponse:\n  properties:\n    Class: { type: string, name: namespace }\n", "DMS0008"), 4, 34);

    [Fact]
    public void Dms0009_GeneratedMemberName() => AssertAt(Single("operation: GetThing\nresponse:\n  properties:\n    AdditionalProperties: { type: string }\n", "DMS0009"), 4, 5);

    [Fact]
    public void Dms0009_EnumMemberCollidesWithGeneratedMember() => AssertAt(Single("enums:\n  Kind:\n    values:\n      VALUE: the value\n", "DMS0009"), 4, 7);

    [Fact]
    public void Dms0009_TwoInlineTypesWithOneName()
    {
        var yaml = "operation: GetThing\nresponse:\n  properties:\n    A:\n      properties:\n        Detail: { properties: { X: { type: string } } }\n    B:\n      properties:\n        Detail: { properties: { Y: { type: string } } }\n";
        AssertAt(Single(yaml, "DMS0009"), 9, 17);
    }

    [Fact]
    public void Dms0009_TypeNamedLikeTheClient() => AssertAt(Single("types:\n  DmsClient:\n    properties: { X: { type: string } }\n", "DMS0009"), 2, 3);

    [Fact]
    public void Dms0010_EnumValuesWithTheSameCSharpName()
    {
        var d = Single("enums:\n  State:\n    values:\n      RUNNING: a\n      running: b\n", "DMS0010");
        AssertAt(d, 5, 7);
        Assert.Contains("'RUNNING'", d.GetMessage());
        Assert.Contains("'Running'", d.GetMessage());
    }

    [Fact]
    public void Dms0011_ArrayWithoutStyle() => AssertAt(Single("operation: GetThing\nparameters:\n  Ids:\n    type: array\n    items: { type: int64 }\n", "DMS0011"), 3, 3);

    [Fact]
    public void Dms0011_StyleOnAScalar() => AssertAt(Single("operation: GetThing\nparameters:\n  Id: { type: int64, style: json }\n", "DMS0011"), 3, 3);

    [Fact]
    public void Dms0011_SimpleOnObjects() => AssertAt(Single("operation: GetThing\nparameters:\n  P:\n    style: simple\n    properties: { X: { type: string } }\n", "DMS0011"), 3, 3);

    [Fact]
    public void Dms0011_FormBodyOnGet() => AssertAt(Single("operation: GetThing\nmethod: GET\nparameters:\n  Id: { type: int64, in: form }\n", "DMS0011"), 4, 3);

    [Fact]
    public void Dms0011_NamedObjectTypeWithoutStyle()
    {
        var d = Single("operation: GetThing\nparameters:\n  P: { type: Param }\ntypes:\n  Param:\n    properties: { X: { type: string } }\n", "DMS0011");
        AssertAt(d, 3, 14);
    }

    [Fact]
    public void Dms0012_DuplicateKey() => AssertAt(Single("operation: GetThing\nsummary: a\nsummary: b\n", "DMS0012"), 3, 1);

    [Fact]
    public void Dms0014_RuntimeNotReferenced()
    {
        var run = GeneratorHarness.Run(new Microsoft.CodeAnalysis.AdditionalText[] { new InMemorySpec("/specs/a.yaml", Valid) }, withRuntime: false);
        Assert.Contains(run.SpecDiagnostics, d => d.Id == "DMS0014");
        Assert.Empty(run.HintNames);
    }

    [Fact]
    public void Dms0015_NestingTooDeep()
    {
        var yaml = "operation: GetThing\nresponse:\n  properties:\n" + string.Concat(Enumerable.Range(0, 40).Select(i => new string(' ', 4 + (i * 4)) + $"P{i}:\n" + new string(' ', 6 + (i * 4)) + "properties:\n"));
        Assert.Contains(GeneratorHarness.Run(("/specs/deep.yaml", yaml)).SpecDiagnostics, d => d.Id == "DMS0015");
    }

    [Fact]
    public void Dms0016_ReferenceToATypeInABrokenFile()
    {
        var run = GeneratorHarness.Run(
            ("/specs/types.yaml", "types:\n  Param:\n    properties: { X: { type: nonsense } }\n"),
            ("/specs/op.yaml", "operation: GetThing\nresponse:\n  properties:\n    P: { type: Param }\n"));
        var d = run.SpecDiagnostics.Single(d => d.Id == "DMS0016");
        AssertAt(d, 4, 16);
        Assert.Contains("/specs/types.yaml", d.GetMessage());
        Assert.DoesNotContain(run.HintNames, n => !n.StartsWith("DmsClient.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Dms0017_EquivalentMemberNamesAreReportedAtBothKeys()
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", "operation: GetThing\nresponse:\n  properties:\n    Foo: { type: string }\n    \"Foo\\u200B\": { type: string }\n"));
        var diagnostics = run.SpecDiagnostics.Where(d => d.Id == "DMS0017").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, diagnostics.Count);
        AssertAt(diagnostics[0], 4, 5);
        AssertAt(diagnostics[1], 5, 5);
    }

    [Fact]
    public void Dms0018_ContextualKeywordAsATypeName() => AssertAt(Single("types:\n  record:\n    properties: { X: { type: string } }\n", "DMS0018"), 2, 3);

    [Fact]
    public void Dms0018_DiscardAsAnEnumName() => AssertAt(Single("enums:\n  _:\n    values: { A: a }\n", "DMS0018"), 2, 3);

    [Fact]
    public void Dms0019_MemberNameTooLong() =>
        AssertAt(Single("operation: GetThing\nresponse:\n  properties:\n    X" + new string('A', 600) + ": { type: string }\n", "DMS0019"), 4, 5);

    [Fact]
    public void Dms0019_OperationNameTooLong() => AssertAt(Single("operation: X" + new string('\u4e2d', 342) + "\n", "DMS0019"), 1, 12);

    [Fact]
    public void Dms0020_InvalidAccessibilityIsAProjectErrorWithNoYamlLocation()
    {
        // The value comes from an MSBuild property, not from a spec: pointing at a YAML file would send the user to the wrong place.
        var run = GeneratorHarness.Run(
            new Microsoft.CodeAnalysis.AdditionalText[] { new InMemorySpec("/specs/test.yaml", Valid) },
            globalOptions: new System.Collections.Generic.Dictionary<string, string> { ["build_property.DmsCodegenAccessibility"] = "protected" });
        var d = Assert.Single(run.SpecDiagnostics);
        Assert.Equal("DMS0020", d.Id);
        Assert.Equal(Location.None, d.Location);
        Assert.Contains("DmsCodegenAccessibility", d.GetMessage());
        Assert.Empty(run.HintNames);
    }

    [Fact]
    public void AFileWithErrorsGeneratesNothingWhileTheOthersStillGenerate()
    {
        var run = GeneratorHarness.Run(("/specs/bad.yaml", "operation: Broken\nmethod: PUT\n"), GeneratorHarness.RealSpec("GetDataTrackJobDegree.yaml"));
        Assert.Contains(run.SpecDiagnostics, d => d.Id == "DMS0004");
        Assert.Contains("GetDataTrackJobDegree.g.cs", run.HintNames);
        Assert.DoesNotContain("Broken.g.cs", run.HintNames);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
    }

    [Fact]
    public void YamlFilesNotOptedInAreIgnored()
    {
        var run = GeneratorHarness.Run(new Microsoft.CodeAnalysis.AdditionalText[] { new InMemorySpec("/other/config.yaml", "not: a spec", isSpec: false) });
        Assert.Empty(run.SpecDiagnostics);
    }

    [Fact]
    public void EveryDescriptorHasHelpTextAndAnIdInTheReleaseTable()
    {
        var descriptors = typeof(Diagnostics.DiagnosticDescriptors).GetFields().Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();
        var releases = System.IO.File.ReadAllText(System.IO.Path.Combine(BaselineFiles.RepositoryRoot(), "generator", "AnalyzerReleases.Unshipped.md"));
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, d =>
        {
            Assert.Matches("^DMS[0-9]{4}$", d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString()));
            Assert.Contains(d.Id + " ", releases);
        });
    }

    private static Diagnostic Single(string yaml, string id)
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", yaml));
        var matching = run.SpecDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", run.SpecDiagnostics)}");
        Assert.Equal("/specs/test.yaml", matching[0].Location.GetLineSpan().Path);
        Assert.DoesNotContain(run.HintNames, n => !n.StartsWith("DmsClient.", System.StringComparison.Ordinal));
        return matching[0];
    }

    private static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.True((line, column) == (position.Line + 1, position.Character + 1), $"{diagnostic.Id} at {position.Line + 1},{position.Character + 1}, expected {line},{column}: {diagnostic.GetMessage()}");
    }
}
