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
        // Most spec text needs no escaping: scan once and hand it back as it is. Printable ASCII other than &, < and >
        // is taken at once; only the rest is looked at further.
        var i = 0;
        while (i < text.Length)
        {
            var character = text[i];
            if (character is >= ' ' and < '\u007F' and not ('&' or '<' or '>'))
            {
                i++;
            }
            else if (IsPair(text, i, text.Length))
            {
                i += 2;
            }
            else if (NeedsEscape(character))
            {
                break;
            }
            else
            {
                i++;
            }
        }

        return i == text.Length ? text : AppendEscaped(new System.Text.StringBuilder(text.Length + 16).Append(text, 0, i), text, i, text.Length).ToString();
    }

    /// <summary>Appends <c>text[start..end)</c> escaped, as <see cref="Escape"/> escapes that substring.</summary>
    public static System.Text.StringBuilder AppendEscaped(System.Text.StringBuilder builder, string text, int start, int end)
    {
        var plain = start;
        for (var i = start; i < end; i++)
        {
            var character = text[i];
            if (character is >= ' ' and < '\u007F' and not ('&' or '<' or '>'))
            {
                continue;
            }

            if (IsPair(text, i, end))
            {
                i++;
                continue;
            }

            if (character is not ('&' or '<' or '>') && !IsUnwritable(character))
            {
                continue;
            }

            builder.Append(text, plain, i - plain);
            if (character is '&' or '<' or '>')
            {
                builder.Append(character switch { '&' => "&amp;", '<' => "&lt;", _ => "&gt;" });
            }
            else
            {
                builder.Append("U+").Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }

            plain = i + 1;
        }

        return builder.Append(text, plain, end - plain);
    }

    private static bool IsPair(string text, int i, int end) =>
        char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1]);

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
