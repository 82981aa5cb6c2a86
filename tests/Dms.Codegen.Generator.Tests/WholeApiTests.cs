using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.SpecImporter;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// The format fits the whole DMS API: all 325 operations of Alibaba Cloud's metadata (Data/, a copy of
/// shared/reference/dms-api/api-docs.json), imported as specs, generate with no diagnostic into code that
/// compiles with no warning.
/// </summary>
public class WholeApiTests
{
    [Fact]
    public void All325OperationsGenerateCodeThatCompilesCleanly()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "dms-enterprise-2018-11-01.api-docs.json")));
        var specs = ApiDocsImporter.ImportAll(document.RootElement, "2018-11-01")
            .Select(s => (AdditionalText)new InMemorySpec($"/specs/{s.Operation}.yaml", s.Yaml))
            .ToArray();

        var run = GeneratorHarness.Run(specs);

        Assert.Equal(325, specs.Length);
        Assert.True(run.SpecDiagnostics.IsEmpty, string.Join("\n", run.SpecDiagnostics.Take(10)));
        Assert.Equal(325 + 2, run.HintNames.Count());
        var problems = run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} problems; first: {string.Join("\n", problems.Take(10))}");
        var client = run.Output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".DmsClient")!;
        var methods = client.GetMembers().Where(m => m.Kind == SymbolKind.Method && m.Name.EndsWith("Async", StringComparison.Ordinal)).Select(m => m.Name).ToList();
        Assert.Equal(325, methods.Count(name => !name.EndsWith("StreamAsync", StringComparison.Ordinal)));
        Assert.Equal(new[] { "ChatWithDesensitizeSSEStreamAsync", "GetAIOrderApprovalCommentSSEStreamAsync" }, methods.Where(name => name.EndsWith("StreamAsync", StringComparison.Ordinal)).Order());

        // The importer's paging detection: every one of the 60 paginated operations (59 by top-level parameters, and
        // ListSQLReviewOriginSQL by OrderActionDetail.Page) gets PagesAsync, and ItemsAsync where it has an item list.
        var extensions = run.Output.GetSymbolsWithName(name => name.EndsWith("Extensions", StringComparison.Ordinal), SymbolFilter.Type).OfType<INamedTypeSymbol>().ToList();
        Assert.Equal(60, extensions.Count(t => t.GetMembers().Any(m => m.Name.EndsWith("PagesAsync", StringComparison.Ordinal))));
        Assert.Equal(59, extensions.Count(t => t.GetMembers().Any(m => m.Name.EndsWith("ItemsAsync", StringComparison.Ordinal))));
    }

    [Fact]
    public void TheShippedSpecLibraryIsExactlyWhatTheImporterProducesAndCoversEveryOperation()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "dms-enterprise-2018-11-01.api-docs.json")));
        var imported = ApiDocsImporter.ImportAll(document.RootElement, "2018-11-01").ToDictionary(s => s.Operation, s => s.Yaml);
        var specs = Path.Combine(BaselineFiles.RepositoryRoot(), "specs");
        var handWritten = Directory.GetFiles(specs, "*.yaml").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var library = Directory.GetFiles(Path.Combine(specs, "library"), "*.yaml").ToDictionary(p => Path.GetFileNameWithoutExtension(p)!, File.ReadAllText);

        // Hand-written specs win; the library holds every other operation, unedited, so re-importing changes nothing.
        Assert.Empty(handWritten.Intersect(library.Keys));
        Assert.Equal(imported.Keys.OrderBy(k => k, StringComparer.Ordinal), handWritten.Concat(library.Keys).OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(library, pair => Assert.True(imported[pair.Key] == pair.Value, $"specs/library/{pair.Key}.yaml differs from the importer's output; re-run the importer (README, Adding an operation)"));
    }
}
