using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// The consumer project's settings: MSBuild properties with odd values (each one is code that compiles cleanly or
/// DMS0020, never an exception or CS errors), the C# version (DMS0022 below 11), nullable contexts, checked
/// arithmetic, preprocessor symbols, and internal types reached through InternalsVisibleTo.
/// </summary>
public class ConsumerSettingsTests
{
    public static IEnumerable<object[]> UnusableNamespaces() =>
        new[] { ".My", "My.", "My..Api", "1My", "My-App", "My App", "A\0B", "A\tB", "class", "My.class.Api", "global::My", "\\u0041pp", new string('A', 600) }.Select(v => new object[] { v });

    [Theory]
    [MemberData(nameof(UnusableNamespaces))]
    public void ANamespaceCSharpCannotDeclareIsDms0020(string value) =>
        AssertDms0020(ConsumerProject.Properties(("DmsCodegenNamespace", value)), "DmsCodegenNamespace");

    [Fact]
    public void ARootNamespaceFromAProjectFileNameIsNamedWhenItIsUsed()
    {
        // The SDK makes RootNamespace from the project file's name, so my-app.csproj gives 'my-app'.
        AssertDms0020(new Dictionary<string, string> { ["build_property.RootNamespace"] = "my-app" }, "RootNamespace");
        var run = ConsumerProject.Run(ConsumerProject.Seed, Array.Empty<string>(), new Dictionary<string, string> { ["build_property.RootNamespace"] = "my-app", ["build_property.DmsCodegenNamespace"] = "MyApp" });
        Assert.Empty(run.Dms);
    }

    public static IEnumerable<object[]> UnusableClientNames() =>
        new[] { "class", "var", "record", "lower", "DmsClientBase", "CancellationToken", "HttpClient", "Dms", "My Client", "1C", "C.D", "@class", "Client\0", "Dms\u200BClient", new string('C', 600) }.Select(v => new object[] { v });

    [Theory]
    [MemberData(nameof(UnusableClientNames))]
    public void AClientNameThatIsNotAUsableTypeNameIsDms0020(string value) =>
        AssertDms0020(ConsumerProject.Properties(("DmsCodegenClientName", value)), "DmsCodegenClientName");

    public static IEnumerable<object[]> UsableOddValues() => new[]
    {
        ("DmsCodegenNamespace", "My.record.Api"), ("DmsCodegenNamespace", "My.var._.Api"), ("DmsCodegenNamespace", "global"), ("DmsCodegenNamespace", "My.global"),
        ("DmsCodegenNamespace", "System"), ("DmsCodegenNamespace", "System.Threading"), ("DmsCodegenNamespace", "Microsoft"), ("DmsCodegenNamespace", "Dms"),
        ("DmsCodegenNamespace", "My.@class"), ("DmsCodegenNamespace", "\u00C5pp.lower"), ("DmsCodegenNamespace", "  Padded.Dms\t"), ("DmsCodegenNamespace", "Contoso.Dms.Types"),
        ("DmsCodegenNamespace", "My.await.async.Api"), ("DmsCodegenNamespace", "My.yield.nameof.value"), ("DmsCodegenNamespace", "My.field.args"), ("DmsCodegenNamespace", "dynamic.nint.when"),
        ("DmsCodegenNamespace", "My.@await"), ("DmsCodegenNamespace", "My.DmsClient"), ("DmsCodegenNamespace", "My.HttpClient"), ("DmsCodegenNamespace", "System.Net.Http"), ("DmsCodegenNamespace", "Dms.Codegen.Json"),
        ("DmsCodegenClientName", "Task"), ("DmsCodegenClientName", "System"), ("DmsCodegenClientName", "Contoso"), ("DmsCodegenClientName", "Wire"), ("DmsCodegenClientName", "\u00C5Client"),
        ("DmsCodegenAccessibility", " Internal "), ("DmsCodegenEmitShapes", "TRUE"),
    }.Select(p => new object[] { p.Item1, p.Item2 });

    [Theory]
    [MemberData(nameof(UsableOddValues))]
    public void OddButUsableValuesGenerateCodeThatCompilesCleanly(string property, string value)
    {
        var run = ConsumerProject.Run(ConsumerProject.Seed, Array.Empty<string>(), ConsumerProject.Properties((property, value)));

        Assert.Empty(run.Dms);
        Assert.NotEmpty(run.HintNames);
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
    }

    public static IEnumerable<object[]> HostileValues() =>
        from property in new[] { "DmsCodegenNamespace", "RootNamespace", "DmsCodegenClientName", "DmsCodegenAccessibility", "DmsCodegenEmitShapes" }
        from value in new[] { "\0", "public\0", "A\u0001\u001F\u007F\u0085B", "\uD800", "\uFFFE", "\r\n", new string('x', 100_000), "A." + new string('\u4E2D', 10_000) }
        select new object[] { property, value };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void NoPropertyValueMakesTheGeneratorThrowOrEmitCodeThatDoesNotCompile(string property, string value)
    {
        var properties = property == "RootNamespace" ? new Dictionary<string, string> { ["build_property.RootNamespace"] = value } : ConsumerProject.Properties((property, value));
        var run = ConsumerProject.Run(ConsumerProject.Seed, Array.Empty<string>(), properties);

        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.Dms, d => d.Id == "DMS0013");
        Assert.All(run.Dms, d => Assert.Equal("DMS0020", d.Id));
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
    }

    [Fact]
    public void Dms0020ShowsControlCharactersEscapedAndALongValueCut()
    {
        var run = ConsumerProject.Run(ConsumerProject.Seed, Array.Empty<string>(), ConsumerProject.Properties(("DmsCodegenNamespace", "A\0\u0007" + new string('x', 100_000))));

        var message = Assert.Single(run.Dms).GetMessage();
        Assert.Contains("'A\\u0000\\u0007xxx", message, StringComparison.Ordinal);
        Assert.Contains("...'", message, StringComparison.Ordinal);
        Assert.True(message.Length < 300, message);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    public void ACSharpVersionBelow11IsDms0022(LanguageVersion version)
    {
        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { "class Own { }" }, parse: new CSharpParseOptions(version, DocumentationMode.Diagnose),
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999));

        var diagnostic = Assert.Single(run.Dms);
        Assert.Equal("DMS0022", diagnostic.Id);
        Assert.Contains("C# " + version.ToDisplayString(), diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.HintNames);
        Assert.Empty(run.AddedProblems);
    }

    public static IEnumerable<object[]> Settings() => new[]
    {
        (LanguageVersion.CSharp11, NullableContextOptions.Disable, false),
        (LanguageVersion.CSharp12, NullableContextOptions.Warnings, true),
        (LanguageVersion.Latest, NullableContextOptions.Annotations, true),
        (LanguageVersion.Preview, NullableContextOptions.Enable, true),
        (LanguageVersion.Default, NullableContextOptions.Disable, true),
    }.Select(s => new object[] { s.Item1, s.Item2, s.Item3 });

    [Theory]
    [MemberData(nameof(Settings))]
    public void CodeCompilesCleanlyUnderEveryCSharpVersionFrom11AndEveryNullableContext(LanguageVersion version, NullableContextOptions nullable, bool checkedArithmetic)
    {
        // Symbols a consumer may define: generated code has no #if, so none of them can change it.
        var parse = new CSharpParseOptions(version, DocumentationMode.Diagnose, preprocessorSymbols: new[] { "DEBUG", "TRACE", "NET8_0_OR_GREATER", "DMS", "NULLABLE", "nullable", "TRUE", "false" });
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999, checkOverflow: checkedArithmetic);

        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { "class Own { }" }, parse: parse, options: options);

        Assert.Empty(run.Dms);
        Assert.NotEmpty(run.HintNames);
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
    }

    [Fact]
    public void InternalTypesReachAFriendAssemblyThroughInternalsVisibleTo()
    {
        var run = ConsumerProject.Run(ConsumerProject.Representative, new[] { "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Friend\")]" }, ConsumerProject.Properties(("DmsCodegenAccessibility", "internal")));
        Assert.Empty(run.Dms);
        Assert.True(run.AddedProblems.Count == 0, run.Describe());
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(5)));

        const string Friend = """
            using System.Threading;
            using System.Threading.Tasks;
            using Contoso.Dms;
            internal static class FriendUse
            {
                public static Task<GetDataExportOrderDetailResponse> Get(IDmsClient client, CancellationToken cancellationToken) =>
                    client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 1 }, cancellationToken);
                public static bool Done(DataExportJobStatus status) => status == DataExportJobStatus.ExportSuccess;
                public static DmsClient Make(Dms.Codegen.DmsClientOptions options) => new(options);
            }
            """;
        var friend = CSharpCompilation.Create("Friend", new[] { CSharpSyntaxTree.ParseText(Friend, GeneratorHarness.ParseOptions) },
            GeneratorHarness.MetadataReferences.Add(MetadataReference.CreateFromImage(image.ToArray())),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        Assert.Empty(friend.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var stranger = friend.WithAssemblyName("Stranger");
        Assert.Contains(stranger.GetDiagnostics(), d => d.Id == "CS0122");
    }

    private static void AssertDms0020(Dictionary<string, string> properties, string property)
    {
        var run = ConsumerProject.Run(ConsumerProject.Seed, Array.Empty<string>(), properties);

        var diagnostic = Assert.Single(run.Dms);
        Assert.Equal("DMS0020", diagnostic.Id);
        Assert.StartsWith("The MSBuild property " + property + " is ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.HintNames);
        Assert.Empty(run.AddedProblems);
    }
}
