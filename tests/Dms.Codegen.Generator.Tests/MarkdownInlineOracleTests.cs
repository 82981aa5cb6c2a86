using System;
using System.Text;
using System.Text.RegularExpressions;
using Dms.Codegen.Generator.Emit;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// The generator matches links, code spans and bold by hand (the regular expressions were most of the doc comments'
/// garbage). Its matches must stay the ones the regular expressions found: each line here goes through both, the
/// hand-written <see cref="MarkdownDocs.Inline"/> and the regular expressions it replaced, kept here as the oracle.
/// </summary>
public class MarkdownInlineOracleTests
{
    private static readonly Regex Link = new(@"\[(?<text>[^\[\]]+)\]\((?<url>[^()\s]+)\)", RegexOptions.CultureInvariant);
    private static readonly Regex Code = new(@"`(?<code>[^`]+)`", RegexOptions.CultureInvariant);
    private static readonly Regex Bold = new(@"\*\*(?<text>(?:(?!\*\*).)+?)\*\*", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("a [b](c) d")]
    [InlineData("[x]([y](z))")]
    [InlineData("`a``b` **c****d** ***e***")]
    [InlineData("**a\nb** `c\nd` [e\nf](g)")]
    [InlineData("[**b** `c`](https://x.example/?a=1&b=\"2\")")]
    [InlineData("<tag> & \"quote\" ``** **``")]
    public void HandPickedLinesMatchAsTheRegularExpressionsDid(string line) =>
        Assert.Equal(Oracle(line), MarkdownDocs.Inline(line));

    [Fact]
    public void RandomLinesOfMarkupCharactersMatchAsTheRegularExpressionsDid()
    {
        // Fixed seed: a failure names its line and can be reproduced.
        const string Alphabet = "[]()`**  ab\n<&\"é😀\t";
        var random = new Random(20261202);
        var line = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            line.Clear();
            for (var length = random.Next(1, 40); length > 0; length--)
            {
                line.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var text = line.ToString();
            var expected = Oracle(text);
            var actual = MarkdownDocs.Inline(text);
            Assert.True(expected == actual, $"line {i}: {Show(text)}\nexpected {Show(expected)}\nactual   {Show(actual)}");
        }
    }

    // What the generator did before e5af8bf: links first, then code spans and bold inside each stretch.
    private static string Oracle(string text) => text.IndexOf('[') < 0 ? Spans(text) : Markup(text, Link, Spans, link =>
        "<see href=\"" + DocWriter.Escape(link.Groups["url"].Value).Replace("\"", "&quot;") + "\">" + Spans(link.Groups["text"].Value) + "</see>");

    private static string Spans(string text) => text.IndexOf('`') < 0 ? BoldText(text) : Markup(text, Code, BoldText, code => "<c>" + DocWriter.Escape(code.Groups["code"].Value) + "</c>");

    private static string BoldText(string text) => text.IndexOf("**", StringComparison.Ordinal) < 0 ? DocWriter.Escape(text) : Markup(text, Bold, DocWriter.Escape, bold => "<b>" + DocWriter.Escape(bold.Groups["text"].Value) + "</b>");

    private static string Markup(string text, Regex pattern, Func<string, string> between, Func<Match, string> element)
    {
        var builder = new StringBuilder(text.Length + 16);
        var position = 0;
        foreach (Match match in pattern.Matches(text))
        {
            builder.Append(between(text.Substring(position, match.Index - position))).Append(element(match));
            position = match.Index + match.Length;
        }

        return builder.Append(between(text.Substring(position))).ToString();
    }

    private static string Show(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
