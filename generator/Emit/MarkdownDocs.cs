using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Turns the markdown of spec descriptions (as Alibaba's documentation writes it) into XML documentation markup
/// that IntelliSense shows well: bullet lists become <c>&lt;list type="bullet"&gt;</c>, <c>&gt;</c> notes a
/// <c>&lt;para&gt;</c>, fenced code <c>&lt;code&gt;</c>, links <c>&lt;see href&gt;</c>, <c>**bold**</c> and
/// <c>`code`</c> <c>&lt;b&gt;</c> and <c>&lt;c&gt;</c>. Everything else is escaped text. The output is always
/// well-formed: inline markup is matched within one link's text or one stretch between links, never across.
/// </summary>
internal static class MarkdownDocs
{
    private static readonly Regex Link = new(@"\[(?<text>[^\[\]]+)\]\((?<url>[^()\s]+)\)", RegexOptions.CultureInvariant);
    private static readonly Regex Code = new(@"`(?<code>[^`]+)`", RegexOptions.CultureInvariant);
    private static readonly Regex Bold = new(@"\*\*(?<text>(?:(?!\*\*).)+?)\*\*", RegexOptions.CultureInvariant);

    private const int NoParagraph = -2;
    private const int FirstParagraph = -1; // written as it is: the summary's text needs no <para>

    /// <summary>The XML lines (without <c>///</c>) for one description.</summary>
    public static IReadOnlyList<string> ToXml(string markdown)
    {
        var output = new List<string>();
        var listIndent = -1; // the indent of the open list's items; -1 when no list is open
        var first = true; // nothing written yet: the first paragraph needs no <para>
        var paragraph = NoParagraph; // where the open paragraph starts in the output, or one of the two constants
        var lines = markdown.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var indent = Indent(line);
            var bullet = IsBullet(line, indent);
            var fence = IsFence(line, indent);
            var note = indent < line.Length && line[indent] == '>';
            if (bullet || indent == line.Length || note || fence)
            {
                EndParagraph(output, ref paragraph);
            }

            if (bullet)
            {
                if (listIndent < 0)
                {
                    output.Add("<list type=\"bullet\">");
                    listIndent = indent;
                }

                // Nested items stay in the one list (IntelliSense does not show nested lists), marked with a dash.
                var prefix = indent > listIndent ? "\u2013 " : string.Empty;
                output.Add("<item><description>" + prefix + Inline(line.Substring(indent + 2)) + "</description></item>");
                first = false;
                continue;
            }

            if (listIndent >= 0)
            {
                output.Add("</list>");
                listIndent = -1;
            }

            if (fence)
            {
                output.Add("<code>");
                for (i++; i < lines.Length && !IsFence(lines[i], Indent(lines[i])); i++)
                {
                    output.Add(DocWriter.Escape(lines[i].TrimEnd()));
                }

                output.Add("</code>");
                first = false;
                continue;
            }

            if (note)
            {
                // "> text" (also "> : text", as some pages write it); an empty ">" only introduces what follows.
                var text = line.Substring(indent + 1).Trim().TrimStart(':', '\uFF1A').Trim();
                if (text.Length > 0)
                {
                    output.Add("<para>Note: " + Inline(text) + "</para>");
                }

                first = false;
            }
            else if (indent < line.Length)
            {
                // Lines of one paragraph follow each other; a blank line (or a list, note or code) ends it.
                if (paragraph == NoParagraph)
                {
                    paragraph = first ? FirstParagraph : output.Count;
                }

                output.Add(Inline(line));
                first = false;
            }
        }

        EndParagraph(output, ref paragraph);
        if (listIndent >= 0)
        {
            output.Add("</list>");
        }

        return output;
    }

    /// <summary>
    /// What <see cref="ToXml"/> gives for a description that is one line of text (most are), without the lists it
    /// builds; null for anything else (several lines, a blank one, a bullet, a note or a fence).
    /// </summary>
    public static string? OneLine(string markdown)
    {
        if (markdown.IndexOf('\n') >= 0 || markdown.IndexOf('\r') >= 0)
        {
            return null;
        }

        var line = markdown.TrimEnd();
        var indent = Indent(line);
        return indent == line.Length || IsBullet(line, indent) || IsFence(line, indent) || line[indent] == '>' ? null : Inline(line);
    }

    // Markdown's line starts, read by hand: regular expressions here cost a third of the emit step.
    private static int Indent(string line)
    {
        var indent = 0;
        while (indent < line.Length && char.IsWhiteSpace(line[indent]))
        {
            indent++;
        }

        return indent;
    }

    /// <summary>"- item" or "* item" after any indent.</summary>
    private static bool IsBullet(string line, int indent) =>
        indent + 1 < line.Length && (line[indent] is '-' or '*') && line[indent + 1] == ' ';

    private static bool IsFence(string line, int indent) =>
        string.CompareOrdinal(line, indent, "```", 0, 3) == 0;

    /// <summary>Wraps the open paragraph (every one but the first) in <c>&lt;para&gt;</c>.</summary>
    private static void EndParagraph(List<string> output, ref int paragraph)
    {
        if (paragraph >= 0)
        {
            output[paragraph] = "<para>" + output[paragraph];
            output[output.Count - 1] += "</para>";
        }

        paragraph = NoParagraph;
    }

    /// <summary>One line of text: links, then code and bold inside each stretch of plain text or link text.</summary>
    public static string Inline(string text) => text.IndexOf('[') < 0 ? Spans(text) : Markup(text, Link, Spans, link =>
        "<see href=\"" + DocWriter.Escape(link.Groups["url"].Value).Replace("\"", "&quot;") + "\">" + Spans(link.Groups["text"].Value) + "</see>");

    /// <summary>Code spans (taken literally), and bold in the text between them.</summary>
    private static string Spans(string text) => text.IndexOf('`') < 0 ? BoldText(text) : Markup(text, Code, BoldText, code => "<c>" + DocWriter.Escape(code.Groups["code"].Value) + "</c>");

    private static string BoldText(string text) => text.IndexOf("**", System.StringComparison.Ordinal) < 0 ? DocWriter.Escape(text) : Markup(text, Bold, DocWriter.Escape, bold => "<b>" + DocWriter.Escape(bold.Groups["text"].Value) + "</b>");

    /// <summary>Each match of <paramref name="pattern"/> as <paramref name="element"/>, the text between them through <paramref name="between"/>.</summary>
    private static string Markup(string text, Regex pattern, System.Func<string, string> between, System.Func<Match, string> element)
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
}
