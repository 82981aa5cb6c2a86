using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dms.Codegen.Generator.Tests.Infrastructure;

/// <summary>
/// The generator run in a consumer project set up in some way (its own sources, MSBuild properties, C# version and
/// compiler options), as the tests of the consumer side need it: the project's own code is compiled without the
/// generator first, so that what the generated code adds can be told from what the consumer wrote.
/// </summary>
internal static class ConsumerProject
{
    /// <summary>The seed spec, a paginated list and a stream: every emitter and every import in three files.</summary>
    public static AdditionalText[] Representative { get; } = new[] { "specs/GetDataExportOrderDetail.yaml", "specs/library/ListOrders.yaml", "specs/library/ChatWithDesensitizeSSE.yaml" }
        .Select(path => (AdditionalText)new InMemorySpec("/" + path, File.ReadAllText(Path.Combine(BaselineFiles.RepositoryRoot(), path))))
        .ToArray();

    public static AdditionalText[] Seed { get; } = Representative.Take(1).ToArray();

    public static Dictionary<string, string> Properties(params (string Name, string Value)[] properties)
    {
        var options = new Dictionary<string, string> { ["build_property.DmsCodegenNamespace"] = GeneratorHarness.Namespace };
        foreach (var (name, value) in properties)
        {
            options["build_property." + name] = value;
        }

        return options;
    }

    public static ConsumerRun Run(AdditionalText[] specs, IEnumerable<string> sources, Dictionary<string, string>? properties = null, CSharpParseOptions? parse = null, CSharpCompilationOptions? options = null, IEnumerable<MetadataReference>? references = null)
    {
        parse ??= GeneratorHarness.ParseOptions;
        options ??= new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 9999);
        var compilation = CSharpCompilation.Create("Consumer", sources.Select(source => CSharpSyntaxTree.ParseText(source, parse)), GeneratorHarness.MetadataReferences.AddRange(references ?? Enumerable.Empty<MetadataReference>()), options);
        var driver = CSharpGeneratorDriver.Create(new[] { new DmsClientGenerator().AsSourceGenerator() }, specs, parse, new SpecOptionsProvider(properties ?? Properties()))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, CancellationToken.None);
        return new ConsumerRun(driver.GetRunResult(), compilation, output);
    }
}

internal sealed record ConsumerRun(GeneratorDriverRunResult Result, Compilation Own, Compilation Output)
{
    public ImmutableArray<Diagnostic> Dms => Result.Diagnostics;

    public IEnumerable<string> HintNames => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName);

    /// <summary>The consumer's own warnings and errors, without the generated code.</summary>
    public List<Diagnostic> OwnProblems => Own.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Warnings and errors of the whole output (nullable warnings on in generated files) that the consumer's code alone does not have.</summary>
    public List<Diagnostic> AddedProblems
    {
        get
        {
            var own = OwnProblems.Select(d => d.ToString()).ToHashSet();
            return GeneratorHarness.StrictDiagnostics(Output).Where(d => d.Severity >= DiagnosticSeverity.Warning && !own.Contains(d.ToString())).ToList();
        }
    }

    public string Describe() => string.Join("\n", Dms.Concat(AddedProblems).Take(8));
}
