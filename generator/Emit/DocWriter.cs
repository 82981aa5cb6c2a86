using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Emit;

/// <summary>Turns spec text into XML documentation comments (escaped, one <c>///</c> per line).</summary>
internal static class DocWriter
{
    public static void Write(SourceWriter writer, Docs docs, string fallbackSummary) => Write(writer, docs, fallbackSummary, string.Empty, string.Empty);

    /// <summary>As above; the fallback summary is the three parts joined, only when it is needed (most members have docs).</summary>
    public static void Write(SourceWriter writer, Docs docs, string fallbackStart, string fallbackName, string fallbackEnd)
    {
        var summary = string.IsNullOrWhiteSpace(docs.Summary) ? fallbackStart + fallbackName + fallbackEnd : docs.Summary!;
        Element(writer, "summary", summary, docs.Example is null ? null : "Example: <c>" + Escape(docs.Example) + "</c>");
        if (!string.IsNullOrWhiteSpace(docs.Remarks))
        {
            Element(writer, "remarks", docs.Remarks!, null);
        }
    }

    /// <summary>Writes <c>&lt;tag&gt;</c> with escaped text and an optional pre-escaped trailing paragraph.</summary>
    public static void Element(SourceWriter writer, string tag, string text, string? paraXml)
    {
        writer.Line("/// <", tag, ">");
        if (MarkdownDocs.OneLine(text) is { } only)
        {
            writer.Line("/// ", only);
        }
        else
        {
            foreach (var line in MarkdownDocs.ToXml(text))
            {
                writer.Line("/// ", line);
            }
        }

        if (paraXml is not null)
        {
            writer.Line("/// <para>", paraXml, "</para>");
        }

        writer.Line("/// </", tag, ">");
    }

    public static string Escape(string text)
    {
        // Most spec text needs no escaping: scan once and hand it back as it is.
        var i = 0;
        while (i < text.Length)
        {
            if (IsPair(text, i))
            {
                i += 2;
            }
            else if (NeedsEscape(text[i]))
            {
                break;
            }
            else
            {
                i++;
            }
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var character = text[i];
            if (IsPair(text, i))
            {
                builder.Append(character).Append(text[++i]);
            }
            else if (character is '&' or '<' or '>')
            {
                builder.Append(character switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
            }
            else if (IsUnwritable(character))
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

    private static bool IsPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    private static bool NeedsEscape(char character) =>
        character is '&' or '<' or '>' || ((character < ' ' || character >= '\u007F') && IsUnwritable(character));

    // What XML cannot hold (most C0 controls, U+FFFE, U+FFFF, lone surrogates) and the separators C# treats as
    // line ends (which would end a /// comment and turn the rest of the line into code) are shown as code points
    // rather than dropped. A low surrogate reached here is a lone one: a paired one is skipped with its high half.
    private static bool IsUnwritable(char character) =>
        (char.IsControl(character) && character != '\t') || char.IsSurrogate(character) || character is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';

    public static void Obsolete(SourceWriter writer, bool deprecated)
    {
        if (deprecated)
        {
            writer.Line("[global::System.Obsolete(\"Deprecated in the DMS API documentation.\")]");
        }
    }
}
