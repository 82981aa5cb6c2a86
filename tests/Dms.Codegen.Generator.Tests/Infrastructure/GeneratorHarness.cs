using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Dms.Codegen.Generator.Tests.Infrastructure;

/// <summary>Runs the generator over in-memory specs and compiles what it produces.</summary>
internal static class GeneratorHarness
{
    public const string Namespace = "Contoso.Dms";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(Dms.Codegen.DmsClientBase).Assembly.Location))
            // The runtime's own dependencies (DI, Options, Http, Configuration), as a consumer gets them from its package.
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
            .ToImmutableArray();
    });

    /// <summary>The running framework's assemblies plus Dms.Codegen.Runtime: what a consumer project compiles against.</summary>
    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(bool withRuntime = true, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            withRuntime ? References.Value : References.Value.Where(r => !r.Display!.Contains("Dms.Codegen.Runtime", StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, Dictionary<string, string>? globalOptions = null, bool trackSteps = true) =>
        CSharpGeneratorDriver.Create(
            new[] { new DmsClientGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            new SpecOptionsProvider(globalOptions ?? new Dictionary<string, string> { ["build_property.DmsCodegenNamespace"] = Namespace }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once over <paramref name="specs"/> and compiles the result.</summary>
    public static GeneratorRun Run(params (string Path, string Text)[] specs) => Run(specs.Select(s => (AdditionalText)new InMemorySpec(s.Path, s.Text)).ToArray());

    public static GeneratorRun Run(AdditionalText[] specs, bool withRuntime = true, Dictionary<string, string>? globalOptions = null)
    {
        var compilation = CreateCompilation(withRuntime);
        var driver = CreateDriver(specs, globalOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, CancellationToken.None);
        return new GeneratorRun(driver, driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>
    /// The diagnostics of <paramref name="output"/> with nullable warnings turned back on in the generated files.
    /// The generator writes <c>#nullable disable warnings</c> so that consumers' builds skip nullable analysis of
    /// its bodies; every test that asks for a clean compile asks through here, so generated code stays nullable-clean.
    /// </summary>
    public static ImmutableArray<Diagnostic> StrictDiagnostics(Compilation output)
    {
        var strict = output;
        foreach (var tree in output.SyntaxTrees)
        {
            var text = tree.GetText().ToString();
            if (text.Contains(WarningsOff, StringComparison.Ordinal))
            {
                // Same length, so every diagnostic keeps its position.
                strict = strict.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(WarningsOff, WarningsOn, StringComparison.Ordinal))));
            }
        }

        return strict.GetDiagnostics();
    }

    private const string WarningsOff = "\n#nullable disable warnings\n";
    private const string WarningsOn = "\n#nullable restore warnings\n";

    public static string ReadSpec(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", fileName));

    public static (string Path, string Text) RealSpec(string fileName) => ("/specs/" + fileName, ReadSpec(fileName));

    /// <summary>
    /// Runs generated code: the run's output and <paramref name="probe"/> (which declares <c>Contoso.Dms.Probe</c>)
    /// are compiled, loaded into a collectible context, and <c>Probe.{method}</c> is returned.
    /// </summary>
    public static System.Reflection.MethodInfo LoadProbe(GeneratorRun run, string probe, string method)
    {
        var compilation = run.Output.AddSyntaxTrees(CSharpSyntaxTree.ParseText(probe, ParseOptions));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Xunit.Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));

        var context = new System.Runtime.Loader.AssemblyLoadContext("probe-" + method, isCollectible: true);
        image.Position = 0;
        return context.LoadFromStream(image).GetType("Contoso.Dms.Probe")!.GetMethod(method)!;
    }
}

internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>Diagnostics the generator reported (DMSxxxx), in file order.</summary>
    public ImmutableArray<Diagnostic> SpecDiagnostics => Result.Diagnostics;

    /// <summary>The compiler's diagnostics, nullable warnings included (see <see cref="GeneratorHarness.StrictDiagnostics"/>).</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => GeneratorHarness.StrictDiagnostics(Output);

    public IEnumerable<string> HintNames => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName);

    public string Source(string hintName) => Result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName == hintName).SourceText.ToString();
}
