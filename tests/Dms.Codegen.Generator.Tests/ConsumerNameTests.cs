using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Generator.Names;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.SpecImporter;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Consumer declarations named like what generated code names: every short name it imports (HttpClient,
/// CancellationToken, DmsClientBase, ReadString...) and the namespaces it qualifies, declared as types, namespaces,
/// aliases and imports around the generated namespace. Outside it they change nothing (the imports sit inside the
/// namespace, from global::); inside it, or a global type named like a root namespace, they are DMS0021.
/// </summary>
public class ConsumerNameTests
{
    /// <summary>Every name generated code uses unqualified, and names it qualifies or might (namespaces, BCL types).</summary>
    private static readonly string[] Names = GeneratedNames.ShortNames.Select(n => n.Name)
        .Concat(new[] { "Task", "ValueTask", "Func", "Action", "Exception", "Codegen", "Json", "Http", "Threading", "Tasks", "Text", "Collections", "Generic", "Extensions", "DependencyInjection", "Options", "Consumer", "Types", "Wire" })
        .Distinct()
        .ToArray();

    // Names that are namespaces a hostile global or Contoso type would clash with in the consumer's own code (CS0101), or DMS0021.
    private static readonly string[] Roots = { "System", "Microsoft", "Dms", "Contoso" };

    private static string Types(IEnumerable<string> names) => string.Concat(names.Select(n => $"internal class {n} {{ }}\n"));

    public static IEnumerable<object[]> Placements() => new[]
    {
        new object[] { "global types", Types(Names.Where(n => !Roots.Contains(n))) },
        new object[] { "types in the parent namespace", "namespace Contoso {\n" + Types(Names.Where(n => n != "Dms")) + "}" },
        new object[] { "global namespaces", string.Concat(Names.Concat(Roots).Select(n => $"namespace {n} {{ internal class Marker{n} {{ }} }}\n")) },
        new object[] { "namespaces in the parent namespace", string.Concat(Names.Concat(Roots).Where(n => n != "Dms").Select(n => $"namespace Contoso.{n} {{ internal class Marker{n} {{ }} }}\n")) },
        new object[] { "namespaces below the generated one", string.Concat(Names.Concat(Roots).Where(n => !GeneratedNames.IsReservedTypeName(n)).Select(n => $"namespace Contoso.Dms.{n} {{ internal class Marker{n} {{ }} }}\n")) },
        new object[] { "types and namespaces named like contextual keywords", "#pragma warning disable CS8981\n" + Types(Contextual) + "namespace Contoso {\n" + Types(Contextual) + "}\n" + string.Concat(Contextual.Select(n => $"namespace Contoso.Dms.{n}.Inner {{ internal class Marker{n} {{ }} }}\n")) },
        new object[] { "global using aliases", string.Concat(Names.Select(n => $"global using {n} = System.Object;\n")) },
        new object[] { "implicit usings and a global using of a namespace declaring every name", ImplicitUsings + "global using Hostile;\nglobal using static Hostile.Methods;\nnamespace Hostile {\n" + Types(Names) + "internal static class Methods {\n" + string.Concat(JsonEmitterMethods.Select(m => $"internal static void {m}() {{ }}\n")) + "} }" },
    };

    // Contextual keywords generated code writes (nameof(...) once was one); var is DMS0021 instead.
    private static readonly string[] Contextual = { "nameof", "_", "when", "value", "from", "select", "where", "by", "on", "dynamic", "notnull", "nint", "global", "args", "async", "await" };

    private const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    private static readonly string[] JsonEmitterMethods = Emit.JsonEmitter.ReaderMethods;

    [Theory]
    [MemberData(nameof(Placements))]
    public void NamesOutsideTheGeneratedNamespaceChangeNothing(string placement, string source)
    {
        // With the emulator's response shapes too, so that every file the generator can write is under the same names.
        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { source }, ConsumerProject.Properties(("DmsCodegenEmitShapes", "true")));

        Assert.Contains("DmsClient.Shapes.g.cs", run.HintNames);
        Assert.True(run.OwnProblems.Count == 0, placement + ": the consumer's own code should be clean\n" + string.Join("\n", run.OwnProblems.Take(5)));
        Assert.Empty(run.Dms);
        Assert.True(run.AddedProblems.Count == 0, placement + ":\n" + run.Describe());
    }

    /// <summary>The whole API once, under global and parent-namespace types of every name: every emitter's use of them.</summary>
    [Fact]
    public void All325OperationsCompileUnderTypesOfEveryNameAroundTheirNamespace()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "dms-enterprise-2018-11-01.api-docs.json")));
        var specs = ApiDocsImporter.ImportAll(document.RootElement, "2018-11-01").Select(s => (AdditionalText)new InMemorySpec($"/specs/{s.Operation}.yaml", s.Yaml)).ToArray();
        var source = Types(Names.Where(n => !Roots.Contains(n))) + "namespace Contoso {\n" + Types(Names.Where(n => n != "Dms")) + "}";

        var run = ConsumerProject.Run(specs, new[] { source });

        Assert.Empty(run.OwnProblems);
        Assert.Empty(run.Dms);
        Assert.Equal(325 + 2, run.HintNames.Count());
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
    }

    public static IEnumerable<object[]> Hiding() => new[]
    {
        new object[] { "namespace Contoso.Dms { public class HttpClient { } }", "Contoso.Dms.HttpClient" },
        new object[] { "namespace Contoso.Dms.CancellationToken { public class Marker { } }", "Contoso.Dms.CancellationToken" },
        new object[] { "namespace Contoso.Dms { public sealed class GeneratedCodeAttribute : System.Attribute { } }", "Contoso.Dms.GeneratedCodeAttribute" },
        new object[] { "namespace Contoso.Dms { public static class ReadString { } }", "Contoso.Dms.ReadString" },
        new object[] { "namespace Contoso.Dms { internal struct DmsClientBase { } }", "Contoso.Dms.DmsClientBase" },
        new object[] { "public class System { }", "'System'" },
        new object[] { "#pragma warning disable CS8981\ninternal class var { }", "'var'" },
        new object[] { "#pragma warning disable CS8981\nnamespace Contoso { internal class var { } }", "'Contoso.var'" },
        new object[] { "public class Dms { }", "'Dms'" },
    };

    [Theory]
    [MemberData(nameof(Hiding))]
    public void ADeclarationThatWouldHideANameInTheGeneratedNamespaceIsDms0021(string source, string named)
    {
        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { source });

        var diagnostic = Assert.Single(run.Dms);
        Assert.Equal("DMS0021", diagnostic.Id);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Contains(named, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.HintNames);
    }

    [Fact]
    public void NamesCSharpWouldNotBindInThatNamespaceAreNotDms0021()
    {
        // Another arity than the code uses (IReadOnlyList<T>, HttpClient, ReadString(...)), a namespace where the code
        // always gives type arguments, and a type a reference declares but keeps internal: the imports still win.
        var other = CSharpCompilation.Create("Other", new[] { CSharpSyntaxTree.ParseText("namespace Contoso.Dms { internal class CancellationToken { } }", GeneratorHarness.ParseOptions) },
            GeneratorHarness.MetadataReferences, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(other.Emit(image).Success);
        const string Source = """
            namespace Contoso.Dms
            {
                internal class IReadOnlyList { }
                internal class HttpClient<T> { }
                internal class ReadString<T> { }
                namespace Dictionary { internal class Marker { } }
            }
            """;

        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { Source }, references: new[] { MetadataReference.CreateFromImage(image.ToArray()) });

        Assert.Empty(run.OwnProblems);
        Assert.Empty(run.Dms);
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
    }

    [Fact]
    public void CodeGeneratedIntoTheRuntimesOwnNamespaceFindsTheRuntimesTypes()
    {
        // Dms.Codegen declares DmsClientBase and DmsException itself: they are the types the code means, not hiding them.
        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { "public class Own { }" }, ConsumerProject.Properties(("DmsCodegenNamespace", "Dms.Codegen")));

        Assert.Empty(run.Dms);
        Assert.NotEmpty(run.HintNames);
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
    }

    [Fact]
    public void AConsumersOwnPartsOfGeneratedTypesCompileWithThem()
    {
        const string Parts = """
            namespace Contoso.Dms
            {
                public partial class DmsClient { /// <summary>Own.</summary>
                    public string Extra => "extra"; }
                public partial interface IDmsClient { }
                public partial class GetDataExportOrderDetailRequest { /// <summary>Own.</summary>
                    public string? Note { get; set; } }
                public readonly partial struct DataExportJobStatus { /// <summary>Own.</summary>
                    public bool IsDone => this == ExportSuccess; }
                internal static class Use
                {
                    public static object Make() => new GetDataExportOrderDetailRequest { OrderId = 1, Note = "n" };
                }
            }
            """;
        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { Parts });

        Assert.Empty(run.Dms);
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
        Assert.Empty(GeneratorHarness.StrictDiagnostics(run.Output).Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
