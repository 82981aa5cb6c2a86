using System.Linq;
using System.Xml.Linq;
using Dms.Codegen.Generator.Emit;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>The markdown of spec descriptions becomes XML doc markup that IntelliSense renders, always well-formed.</summary>
public class MarkdownDocsTests
{
    [Fact]
    public void ABulletListBecomesAListAndTheSentenceBeforeItStaysText()
    {
        var xml = Render("The status. Valid values:\n- **ALL**: every ticket.\n- **RUNNING**: running ones.");
        Assert.Equal(
            "The status. Valid values:<list type=\"bullet\"><item><description><b>ALL</b>: every ticket.</description></item>"
            + "<item><description><b>RUNNING</b>: running ones.</description></item></list>",
            xml);
    }

    [Fact]
    public void NestedItemsStayInOneListMarkedWithADash()
    {
        var lines = MarkdownDocs.ToXml("Options:\n- a\n  - a1\n- b");
        Assert.Equal(1, lines.Count(l => l.StartsWith("<list", System.StringComparison.Ordinal)));
        Assert.Contains("<item><description>\u2013 a1</description></item>", lines);
    }

    [Fact]
    public void NotesBecomeParagraphsAndAnEmptyNoteDisappears()
    {
        Assert.Equal("The ID.<para>Note: This parameter is required if Source is VPC_IDC.</para>", Render("The ID.\n> This parameter is required if Source is VPC_IDC."));
        Assert.Equal("<para>Note: To view the ID, open the console.</para>", Render("> : To view the ID, open the console."));
        Assert.Equal("<list type=\"bullet\"><item><description>first</description></item></list>", Render(">\n- first"));
    }

    [Fact]
    public void LinksBecomeSeeHrefWithTheirTextAndEscapedUrl()
    {
        Assert.Equal(
            "Call <see href=\"https://help.aliyun.com/document_detail/198073.html?a=1&amp;b=2\">GetUserActiveTenant</see> first.",
            Render("Call [GetUserActiveTenant](https://help.aliyun.com/document_detail/198073.html?a=1&b=2) first."));
    }

    [Fact]
    public void CodeSpansAndFencedCodeAreLiteral()
    {
        Assert.Equal("Use <c>SELECT * FROM t</c> or <c>**x**</c>.", Render("Use `SELECT * FROM t` or `**x**`."));
        var lines = MarkdownDocs.ToXml("Sample code:\n```json\n{ \"a\": 1 < 2 }\n```");
        Assert.Equal(new[] { "Sample code:", "<code>", "{ \"a\": 1 &lt; 2 }", "</code>" }, lines);
    }

    [Fact]
    public void TextIsEscapedAndUnmatchedMarkupStaysText()
    {
        Assert.Equal("a &lt;b&gt; &amp; **c", Render("a <b> & **c"));
        Assert.Equal("[not a link] (x)", Render("[not a link] (x)"));
    }

    [Theory]
    [InlineData("[**a](https://x.example/)**")]
    [InlineData("**a [b](https://x.example/) c**")]
    [InlineData("`a **b` c**")]
    [InlineData("- **x\n> **y**\n```\n**z\n")]
    [InlineData("[a](https://x.example/\"onclick=\"x)")]
    [InlineData("- \u0001 text\n\u2028")]
    public void OverlappingOrBrokenMarkupStillGivesWellFormedXml(string markdown)
    {
        var xml = Render(markdown);
        XElement.Parse("<summary>" + xml + "</summary>");
    }

    [Fact]
    public void AGeneratedPropertyShowsTheListInItsSummary()
    {
        const string yaml = """
            operation: GetThing
            response:
              properties:
                Status:
                  type: string
                  description: "The status. Valid values:\n- **ALL**: every ticket.\n- **RUNNING**: see [ListOrders](https://help.aliyun.com/x.html)."
                  remarks: "> Only for admins."
            """;
        var run = GeneratorHarness.Run(("/specs/GetThing.yaml", yaml));
        Assert.Empty(run.CompilationDiagnostics);
        var source = run.Source("GetThing.g.cs");
        Assert.Contains("/// <item><description><b>ALL</b>: every ticket.</description></item>", source, System.StringComparison.Ordinal);
        Assert.Contains("<see href=\"https://help.aliyun.com/x.html\">ListOrders</see>", source, System.StringComparison.Ordinal);
        Assert.Contains("/// <para>Note: Only for admins.</para>", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain("&gt; Only", source, System.StringComparison.Ordinal);
    }

    private static string Render(string markdown) => string.Concat(MarkdownDocs.ToXml(markdown));
}
