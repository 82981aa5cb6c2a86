using System.Collections.Generic;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Emit;

/// <summary>Turns spec text into XML documentation comments (escaped, one <c>///</c> per line).</summary>
internal static class DocWriter
{
    public static void Write(SourceWriter writer, Docs docs, string fallbackSummary)
    {
        var summary = string.IsNullOrWhiteSpace(docs.Summary) ? fallbackSummary : docs.Summary!;
        Element(writer, "summary", summary, docs.Example is null ? null : "Example: <c>" + Escape(docs.Example) + "</c>");
        if (!string.IsNullOrWhiteSpace(docs.Remarks))
        {
            Element(writer, "remarks", docs.Remarks!, null);
        }
    }

    /// <summary>Writes <c>&lt;tag&gt;</c> with escaped text and an optional pre-escaped trailing paragraph.</summary>
    public static void Element(SourceWriter writer, string tag, string text, string? paraXml)
    {
        writer.Line($"/// <{tag}>");
        foreach (var line in Lines(text))
        {
            writer.Line("/// " + Escape(line));
        }

        if (paraXml is not null)
        {
            writer.Line("/// <para>" + paraXml + "</para>");
        }

        writer.Line($"/// </{tag}>");
    }

    public static string Escape(string text)
    {
        var escaped = text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        // What XML cannot hold (most C0 controls, U+FFFE, U+FFFF, lone surrogates) and the separators C# treats
        // as line ends (which would end a /// comment and turn the rest of the line into code) are shown as
        // code points rather than dropped.
        var builder = new System.Text.StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var character = escaped[i];
            if (char.IsHighSurrogate(character) && i + 1 < escaped.Length && char.IsLowSurrogate(escaped[i + 1]))
            {
                builder.Append(character).Append(escaped[++i]);
            }
            else if ((char.IsControl(character) && character != '\t') || char.IsSurrogate(character) || character is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF')
            {
                builder.Append("U+").Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    /// <summary>The text's lines, right-trimmed, without the blank lines it starts or ends with.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var lines = new List<string>();
        foreach (var line in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            lines.Add(line.TrimEnd());
        }

        var start = 0;
        var end = lines.Count;
        while (start < end && lines[start].Length == 0)
        {
            start++;
        }

        while (end > start && lines[end - 1].Length == 0)
        {
            end--;
        }

        return lines.GetRange(start, end - start);
    }

    public static void Obsolete(SourceWriter writer, bool deprecated)
    {
        if (deprecated)
        {
            writer.Line("[global::System.Obsolete(\"Deprecated in the DMS API documentation.\")]");
        }
    }
}
