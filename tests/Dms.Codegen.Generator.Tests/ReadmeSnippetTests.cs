using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// README.md's "Waiting, paging and streaming" section against the API generated from the shipped specs: its C#
/// blocks compile without a warning, and every generated method it names (in code or prose) exists, so a renamed
/// waiter or paginator cannot leave the README behind.
/// </summary>
public class ReadmeSnippetTests
{
    private const string Section = "## Waiting, paging and streaming";

    /// <summary>Every hand-written spec (all the waiters) plus the library operations the section pages and streams.</summary>
    private static readonly Lazy<GeneratorRun> Api = new(() =>
    {
        var root = BaselineFiles.RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "specs"), "*.yaml")
            .Concat(new[] { "ListOrders", "ChatWithDesensitizeSSE" }.Select(op => Path.Combine(root, "specs", "library", op + ".yaml")));
        return GeneratorHarness.Run(files.Select(f => ("/specs/" + Path.GetFileName(f), File.ReadAllText(f))).ToArray());
    });

    [Fact]
    public void The_shipped_specs_generate_cleanly()
    {
        Assert.Empty(Api.Value.SpecDiagnostics);
        Assert.Empty(Api.Value.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void The_sections_code_blocks_compile_against_the_generated_api()
    {
        var blocks = Regex.Matches(ReadSection(), "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        var compilation = Api.Value.Output.AddSyntaxTrees(blocks.Select((block, i) => CSharpSyntaxTree.ParseText(Wrap(block, i), GeneratorHarness.ParseOptions, "README-snippet-" + i + ".cs")));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.StartsWith("README-", StringComparison.Ordinal) == true).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_generated_method_the_section_names_exists()
    {
        var named = Regex.Matches(ReadSection(), @"\b(Wait\w+Async|\w+PagesAsync|\w+ItemsAsync|\w+StreamAsync)\b").Select(m => m.Value).Where(n => n != "Wait{Name}Async").ToHashSet();
        var generated = Api.Value.Output.GetSymbolsWithName(n => n.EndsWith("Async", StringComparison.Ordinal), SymbolFilter.Member).Select(s => s.Name).ToHashSet();
        Assert.Contains("WaitExportFinishedAsync", named); // the section does name waiters: the check below cannot pass empty
        Assert.Empty(named.Except(generated).Order());
    }

    [Fact]
    public void The_spec_format_page_lists_exactly_the_shipped_waiters()
    {
        var readme = File.ReadAllText(Path.Combine(BaselineFiles.RepositoryRoot(), "specs", "README.md")).ReplaceLineEndings(" ");
        var list = Regex.Match(readme, @"the shipped ones are (.*?)\)").Groups[1].Value;
        var listed = Regex.Matches(list, "`(\\w+)`").Select(m => "Wait" + m.Groups[1].Value + "Async").Order();
        var shipped = Api.Value.Output.GetSymbolsWithName(n => n.StartsWith("Wait", StringComparison.Ordinal), SymbolFilter.Member)
            .OfType<IMethodSymbol>().Where(m => m.IsExtensionMethod).Select(m => m.Name).Distinct().Order();
        Assert.Equal(shipped, listed);
    }

    private static string ReadSection()
    {
        var readme = File.ReadAllText(Path.Combine(BaselineFiles.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{Section}' section");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        return end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);
    }

    /// <summary>
    /// A block as a method body: its using directives at the top, and only what the README takes as given: the
    /// SDK's implicit <c>using System;</c>, the generated namespace, a client, and the chat's messages (typed as the
    /// generated request declares them).
    /// </summary>
    private static string Wrap(string block, int index)
    {
        var lines = block.Split('\n');
        var usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Length == 0).ToList();
        var messages = (IPropertySymbol)Api.Value.Output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".ChatWithDesensitizeSSERequest")!.GetMembers("Messages").Single();
        var messagesType = messages.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return $$"""
            using System;
            using {{GeneratorHarness.Namespace}};
            {{string.Join("\n", usings)}}

            internal static class ReadmeSnippet{{index}}
            {
                public static async System.Threading.Tasks.Task RunAsync(IDmsClient client, {{messagesType}} messages)
                {
            {{string.Join("\n", lines.Skip(usings.Count))}}
                }
            }
            """;
    }
}
