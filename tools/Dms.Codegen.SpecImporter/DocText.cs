using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Dms.Codegen.SpecImporter;

/// <summary>
/// Splits a field's metadata text into the spec's <c>description</c> (the IntelliSense summary) and <c>remarks</c>.
/// The metadata's <c>description</c> is the first line of <c>x-fullDescription</c>; written as they come, a summary
/// ends with "Valid values:" and stops, and the remarks repeat it word for word. Here the summary keeps the list it
/// introduces (or, with no list, drops the dangling sentence so that it reads as one), and the remarks hold only
/// what the summary does not.
/// </summary>
internal static partial class DocText
{
    public static (string? Summary, string? Remarks) Split(string? description, string? full)
    {
        var (summary, remarks) = SplitLines(description, full);
        return (Paragraphs(summary), Paragraphs(remarks));
    }

    /// <summary>
    /// Each line break of the metadata's plain text was a paragraph break in Alibaba's documentation; in markdown
    /// (which the generator renders) a paragraph ends at a blank line, so two plain lines get one between them.
    /// </summary>
    public static string? Paragraphs(string? text)
    {
        if (text is null || !text.Contains('\n'))
        {
            return text;
        }

        var lines = text.Split('\n');
        var builder = new System.Text.StringBuilder(text.Length + 16).Append(lines[0]);
        var inCode = lines[0].TrimStart().StartsWith("```", StringComparison.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var fence = lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal);
            var plain = !inCode && !fence && IsPlain(lines[i - 1]) && IsPlain(lines[i]);
            builder.Append(plain ? "\n\n" : "\n").Append(lines[i]);
            inCode ^= fence;
        }

        return builder.ToString();
    }

    private static bool IsPlain(string line) => line.Trim().Length > 0 && !IsBullet(line) && !IsNote(line) && !line.TrimStart().StartsWith("```", StringComparison.Ordinal);

    private static (string? Summary, string? Remarks) SplitLines(string? description, string? full)
    {
        if (full is null || description is null || !full.StartsWith(description + "\n", StringComparison.Ordinal))
        {
            return (description is null ? null : ReadsAsSentence(description).Keep, full is null || full == description ? null : full);
        }

        var lines = full.Substring(description.Length + 1).Split('\n').ToList();
        if (!description.EndsWith(':') && !IsBullet(description))
        {
            return (description, Join(lines));
        }

        // "... Valid values:" then perhaps "> notes", then the list it introduces: the list joins the summary
        // (as do the other items of a list that the summary starts).
        var notes = lines.TakeWhile(IsNote).ToList();
        var list = lines.Skip(notes.Count).TakeWhile(IsBullet).ToList();
        if (list.Count > 0)
        {
            return (description + "\n" + string.Join("\n", list), Join(notes.Concat(lines.Skip(notes.Count + list.Count))));
        }

        // "... Sample code:" then a code block: the introducing sentence moves to the remarks, before what it introduces.
        var (keep, moved) = ReadsAsSentence(description);
        return (keep, Join((moved is null ? Array.Empty<string>() : new[] { moved }).Concat(lines)));
    }

    /// <summary>The lines of a markdown bullet list (any depth).</summary>
    public static bool IsBullet(string line) => BulletLine().IsMatch(line);

    private static bool IsNote(string line) => line.TrimStart().StartsWith('>');

    /// <summary>Text ending in "...: " with nothing after it: the sentences before the dangling one, and that one.</summary>
    public static (string Keep, string? Dangling) ReadsAsSentence(string text)
    {
        var match = DanglingSentence().Match(text);
        return match.Success ? (match.Groups["keep"].Value, match.Groups["tail"].Value) : (text, null);
    }

    private static string? Join(IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines).Trim('\n', ' ');
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"^\s*- ")]
    private static partial Regex BulletLine();

    [GeneratedRegex(@"^(?<keep>.*[.。)])\s+(?<tail>[^.。]*[:：])$", RegexOptions.Singleline)]
    private static partial Regex DanglingSentence();
}
