using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Every diagnostic's help link is its own section of docs/diagnostics.md, under the one repository address that
/// Directory.Build.props declares (DmsCodegenRepositoryUrl), which the package metadata uses too.
/// </summary>
public class HelpLinkTests
{
    private static readonly string Root = BaselineFiles.RepositoryRoot();

    private static DiagnosticDescriptor[] Descriptors { get; } = typeof(DiagnosticDescriptors).GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void EveryHelpLinkIsTheAnchorOfItsIdOnTheDiagnosticsPage()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics.md"));
        var headings = Regex.Matches(page, "^## (DMS[0-9]{4})$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.All(Descriptors, d =>
        {
            Assert.Equal(HelpLinks.Page + "#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.True(headings.Contains(d.Id), $"docs/diagnostics.md has no '## {d.Id}' section (what it means, an example, how to fix it)");
        });
    }

    [Fact]
    public void TheMsBuildErrorOfTheTargetsIsDocumentedToo()
    {
        var targets = File.ReadAllText(Path.Combine(Root, "generator", "build", "Dms.Codegen.targets"));
        var page = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics.md"));
        foreach (Match code in Regex.Matches(targets, "Code=\"(DMS[0-9]{4})\""))
        {
            Assert.Matches("(?m)^## " + code.Groups[1].Value + "$", page);
        }
    }

    [Fact]
    public void TheLinksUseTheRepositoryAddressOfDirectoryBuildProps()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        var url = props.Descendants("DmsCodegenRepositoryUrl").Single().Value;
        Assert.StartsWith("https://", url, StringComparison.Ordinal);
        Assert.Equal(BuildInfo.RepositoryUrl, url);
        Assert.StartsWith(url + "/blob/", HelpLinks.Page, StringComparison.Ordinal);
        Assert.EndsWith("/docs/diagnostics.md", HelpLinks.Page, StringComparison.Ordinal);
        Assert.DoesNotContain(Descriptors, d => d.HelpLinkUri.Contains("dms-codegen/dms-codegen", StringComparison.Ordinal));
    }
}
