using System.Collections.Generic;
using System.Text;

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

    /// <summary>
    /// One line of text: links, then code and bold inside each stretch of plain text or link text. Matched by hand
    /// as the patterns <c>\[([^\[\]]+)\]\(([^()\s]+)\)</c>, <c>`([^`]+)`</c> and <c>\*\*((?:(?!\*\*).)+?)\*\*</c> would
    /// match them (each within its stretch, leftmost first), and written into one builder: the regular expressions'
    /// matches and the substrings between them were most of the garbage of the doc comments.
    /// </summary>
    public static string Inline(string text)
    {
        if (text.IndexOf('[') < 0 && text.IndexOf('`') < 0 && text.IndexOf("**", System.StringComparison.Ordinal) < 0)
        {
            return DocWriter.Escape(text);
        }

        var builder = t_builder ?? new StringBuilder(256);
        t_builder = null;
        builder.Clear();
        Links(text, builder);
        var result = builder.ToString();
        t_builder = builder.Capacity <= 4096 ? builder : null;
        return result;
    }

    [System.ThreadStatic]
    private static StringBuilder? t_builder;

    private static void Links(string text, StringBuilder builder)
    {
        var position = 0;
        for (var open = text.IndexOf('['); open >= 0; open = open + 1 < text.Length ? text.IndexOf('[', open + 1) : -1)
        {
            // [text](url): the text holds no brackets, the url no parentheses or white space; neither is empty.
            var close = open + 1;
            while (close < text.Length && text[close] is not ('[' or ']'))
            {
                close++;
            }

            if (close == open + 1 || close + 1 >= text.Length || text[close] != ']' || text[close + 1] != '(')
            {
                continue;
            }

            var end = close + 2;
            while (end < text.Length && text[end] is not ('(' or ')') && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            if (end == close + 2 || end == text.Length || text[end] != ')')
            {
                continue;
            }

            Spans(text, position, open, builder);
            var url = text.Substring(close + 2, end - close - 2);
            builder.Append("<see href=\"").Append(DocWriter.Escape(url).Replace("\"", "&quot;")).Append("\">");
            Spans(text, open + 1, close, builder);
            builder.Append("</see>");
            position = end + 1;
            open = end;
        }

        Spans(text, position, text.Length, builder);
    }

    /// <summary>Code spans of <c>text[start..end)</c> (taken literally), and bold in the text between them.</summary>
    private static void Spans(string text, int start, int end, StringBuilder builder)
    {
        var position = start;
        var open = IndexOf(text, '`', start, end);
        while (open >= 0)
        {
            var close = IndexOf(text, '`', open + 1, end);
            if (close < 0)
            {
                break;
            }

            if (close == open + 1)
            {
                // "``" opens nothing; the second backtick may open a span.
                open = close;
                continue;
            }

            Bold(text, position, open, builder);
            DocWriter.AppendEscaped(builder.Append("<c>"), text, open + 1, close).Append("</c>");
            position = close + 1;
            open = IndexOf(text, '`', position, end);
        }

        Bold(text, position, end, builder);
    }

    /// <summary>Bold in <c>text[start..end)</c>: <c>**</c>, at least one character, up to the next <c>**</c>.</summary>
    private static void Bold(string text, int start, int end, StringBuilder builder)
    {
        var position = start;
        var open = Stars(text, start, end);
        while (open >= 0)
        {
            var close = Stars(text, open + 2, end);
            if (close < 0)
            {
                break;
            }

            if (close == open + 2 || IndexOf(text, '\n', open + 2, close) >= 0)
            {
                // "****" (or a line break, which the pattern's '.' does not take): no bold begins here, one may a star later.
                open = Stars(text, open + 1, end);
                continue;
            }

            DocWriter.AppendEscaped(builder, text, position, open);
            DocWriter.AppendEscaped(builder.Append("<b>"), text, open + 2, close).Append("</b>");
            position = close + 2;
            open = Stars(text, position, end);
        }

        DocWriter.AppendEscaped(builder, text, position, end);
    }

    private static int IndexOf(string text, char value, int start, int end) => start >= end ? -1 : text.IndexOf(value, start, end - start);

    /// <summary>Where the first <c>**</c> wholly inside <c>text[start..end)</c> begins, or -1.</summary>
    private static int Stars(string text, int start, int end) => end - start < 2 ? -1 : text.IndexOf("**", start, end - start, System.StringComparison.Ordinal);
}
