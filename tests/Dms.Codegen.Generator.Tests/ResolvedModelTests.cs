using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Parsing;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Generator.Validation;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>Validation hands the emitters a resolved model: every type knows its kind, and paths can be walked.</summary>
public class ResolvedModelTests
{
    private const string Shared = "enums:\n  Level:\n    type: int32\n    values: { \"1\": low, \"2\": high }\ntypes:\n  Owner:\n    properties: { Name: { type: string } }\n";

    private const string Operation = """
        operation: GetThing
        parameters:
          Levels: { type: array, style: simple, items: { type: Level } }
        response:
          properties:
            Detail:
              properties:
                Info:
                  properties:
                    Level: { type: Level }
                    Owners: { type: array, items: { type: Owner } }
        """;

    [Fact]
    public void EveryTypeReferenceIsResolvedWithItsKind()
    {
        var model = Validate(("/specs/shared.yaml", Shared), ("/specs/op.yaml", Operation))["/specs/op.yaml"].Model!;
        var types = AllTypes(model).ToList();

        Assert.DoesNotContain(types, t => t.Kind == TypeRefKind.Unresolved);
        var level = model.Operation!.Parameters.Single().Property.Type.Element!;
        Assert.Equal(TypeRef.Enum("Level", numeric: true), level);
        Assert.Contains(types, t => t == TypeRef.Object("Owner"));
        Assert.Contains(types, t => t == TypeRef.Object("GetThingResponse.Types.Info"));
    }

    [Fact]
    public void APathIsWalkedThroughTheResponseTree()
    {
        var model = Validate(("/specs/GetDataExportOrderDetail.yaml", GeneratorHarness.ReadSpec("GetDataExportOrderDetail.yaml"))).Values.Single().Model!;
        var response = model.Operation!.Response;

        var path = ObjectPaths.Resolve(model, response, "DataExportOrderDetail.KeyInfo.JobStatus");
        Assert.True(path.IsResolved, path.Error);
        Assert.Equal(new[] { "DataExportOrderDetail", "KeyInfo", "JobStatus" }, path.Members.Select(m => m.WireName));
        Assert.Equal(TypeRefKind.Enum, path.Type!.Kind);
        Assert.Equal("DataExportJobStatus", path.Type.Name);

        var missing = ObjectPaths.Resolve(model, response, "DataExportOrderDetail.KeyInfo.Nope");
        Assert.False(missing.IsResolved);
        Assert.Contains("'Nope'", missing.Error);
        Assert.Equal(2, missing.Members.Count);

        var throughScalar = ObjectPaths.Resolve(model, response, "RequestId.Length");
        Assert.Contains("not an object", throughScalar.Error);
    }

    [Fact]
    public void InternalAccessibilityMakesEveryGeneratedTypeInternal()
    {
        var run = GeneratorHarness.Run(
            new AdditionalText[] { new InMemorySpec("/specs/GetDataExportOrderDetail.yaml", GeneratorHarness.ReadSpec("GetDataExportOrderDetail.yaml")) },
            globalOptions: new Dictionary<string, string> { ["build_property.DmsCodegenNamespace"] = GeneratorHarness.Namespace, ["build_property.DmsCodegenAccessibility"] = "internal" });

        Assert.Empty(run.SpecDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(5)));
        var generated = run.Output.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Contoso").GetNamespaceMembers().Single().GetTypeMembers();
        Assert.True(generated.Length >= 6, string.Join(", ", generated));
        Assert.All(generated, t => Assert.Equal(Accessibility.Internal, t.DeclaredAccessibility));
        // Nested types stay public inside their internal root, so they are no more visible than it.
        Assert.Equal(Accessibility.Internal, run.Output.GetTypeByMetadataName("Contoso.Dms.GetDataExportOrderDetailResponse+Types+KeyInfo")!.EffectiveAccessibility());
    }

    [Fact]
    public void Dms0020_AnAccessibilityThatIsNeitherPublicNorInternal()
    {
        var run = GeneratorHarness.Run(
            new AdditionalText[] { new InMemorySpec("/specs/GetDataTrackJobDegree.yaml", GeneratorHarness.ReadSpec("GetDataTrackJobDegree.yaml")) },
            globalOptions: new Dictionary<string, string> { ["build_property.DmsCodegenAccessibility"] = "private" });

        var diagnostic = Assert.Single(run.SpecDiagnostics, d => d.Id == "DMS0020");
        Assert.Contains("'private'", diagnostic.GetMessage());
        Assert.DoesNotContain(run.HintNames, n => n.StartsWith("DmsClient", System.StringComparison.Ordinal));
    }

    private static Dictionary<string, ValidatedSpec> Validate(params (string Path, string Text)[] files)
    {
        var parsed = files.Select(f => SpecParser.Parse(f.Path, f.Text, default)).ToList();
        var index = SpecValidator.BuildIndex(parsed.Select(p => p.Summary.WithoutLocations()).ToImmutableArray(), "DmsClient", default);
        return parsed.ToDictionary(p => p.Summary.FilePath, p => SpecValidator.Validate(p, index, "DmsClient"));
    }

    private static IEnumerable<TypeRef> AllTypes(SpecModel model)
    {
        IEnumerable<TypeRef> Of(ObjectModel o) => o.Properties.SelectMany(p => Flatten(p.Type)).Concat(o.NestedTypes.SelectMany(Of));
        IEnumerable<TypeRef> Flatten(TypeRef t) => t.Element is null ? new[] { t } : new[] { t }.Concat(Flatten(t.Element));
        var operation = model.Operation!;
        return operation.Parameters.SelectMany(p => Flatten(p.Property.Type)).Concat(Of(operation.Response)).Concat(operation.RequestTypes.SelectMany(Of)).Concat(model.Types.SelectMany(Of));
    }
}

internal static class SymbolExtensions
{
    public static Accessibility EffectiveAccessibility(this INamedTypeSymbol type)
    {
        var result = type.DeclaredAccessibility;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            result = outer.DeclaredAccessibility < result ? outer.DeclaredAccessibility : result;
        }

        return result;
    }
}
