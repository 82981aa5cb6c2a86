using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dms.Codegen.SpecImporter;

/// <summary>
/// The rules that decide whether a documented value list is really an enum, and how its values are named. Each
/// rule is recognised from the metadata (never from an operation's name) and every use is recorded in the
/// <see cref="ImportReport"/>.
/// </summary>
public static partial class EnumRules
{
    public const string DuplicateValue = "duplicate value keeps every meaning";
    public const string JsonKeys = "keys of a JSON string become a string";
    public const string CommaJoined = "comma-joined values become an array (simple style)";
    public const string CommaJoinedString = "comma-joined values become a string";
    public const string NullIsNoValue = "null is not a value";
    public const string NegativeName = "negative number named Minus";

    /// <summary>What a value list describes, decided before any enum is declared.</summary>
    public enum Shape
    {
        /// <summary>One of the values: an enum.</summary>
        Enum,

        /// <summary>The keys of a JSON object sent or returned as a string (the example is such an object).</summary>
        JsonKeys,

        /// <summary>Several of the values joined with commas (the text says to separate them with commas).</summary>
        CommaJoined,
    }

    public static Shape Classify(JsonElement schema)
    {
        if (!schema.TryGetProperty("enum", out var values) || Text(schema, "type") != "string")
        {
            return Shape.Enum;
        }

        var names = values.EnumerateArray().Select(v => v.ToString()).ToHashSet(StringComparer.Ordinal);
        if (JsonObjectKeys(Text(schema, "example")) is { Count: > 0 } keys && keys.All(names.Contains))
        {
            return Shape.JsonKeys;
        }

        var text = Text(schema, "description") + "\n" + Text(schema, "x-fullDescription");
        return CommaSeparated().IsMatch(text) ? Shape.CommaJoined : Shape.Enum;
    }

    /// <summary>The JSON-keys summary: the sentence introducing the list gives way to one that says what the string is.</summary>
    public static (string? Summary, string? Remarks) JsonKeysDocs(string? description, string? full)
    {
        var (summary, _) = DocText.ReadsAsSentence(description ?? string.Empty);
        if (!summary.Contains("JSON string", StringComparison.Ordinal))
        {
            summary = (summary + " The value is a JSON string.").Trim();
        }

        var bullets = (full ?? string.Empty).Split('\n').Where(DocText.IsBullet).ToList();
        var remarks = bullets.Count == 0 ? null : "The keys of the JSON object:\n" + string.Join("\n", bullets);
        return (summary, remarks);
    }

    /// <summary>Every meaning the text gives a value, in order: a value listed twice keeps both.</summary>
    public static IReadOnlyList<string> Meanings(string? full, string value)
    {
        var meanings = new List<string>();
        foreach (var line in (full ?? string.Empty).Split('\n'))
        {
            var match = Bullet().Match(line);
            if (match.Success && string.Equals(match.Groups["value"].Value.TrimEnd('.', ':'), value, StringComparison.Ordinal))
            {
                var meaning = match.Groups["meaning"].Value.Trim();
                if (meaning.Length > 0 && !meanings.Contains(meaning, StringComparer.Ordinal))
                {
                    meanings.Add(meaning);
                }
            }
        }

        return meanings;
    }

    /// <summary>"first (also documented as: second)." for a value the documentation lists more than once.</summary>
    public static string Merge(IReadOnlyList<string> meanings) =>
        meanings[0].TrimEnd('.') + " (also documented as: " + string.Join("; ", meanings.Skip(1).Select(m => m.TrimEnd('.'))) + ").";

    /// <summary><c>null</c> in a value list is the absence of a value, not a wire value.</summary>
    public static bool IsNull(string value) => string.Equals(value, "null", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>-1</c> becomes <c>Minus1</c> instead of a name made up from its position.</summary>
    public static string? NegativeNumberName(string value) =>
        value.Length > 1 && value[0] == '-' && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "Minus" + value.Substring(1) : null;

    private static HashSet<string>? JsonObjectKeys(string? example)
    {
        // Examples often carry the escaping of the text they were copied from ({\"a\":true}).
        var text = example?.Replace("\\", string.Empty, StringComparison.Ordinal).Trim();
        if (text is null || !text.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"separate (?:multiple|them|the values?)\b[^.]*\bwith commas|commas \(,\)", RegexOptions.IgnoreCase)]
    private static partial Regex CommaSeparated();

    // "- **VALUE**: meaning", "- **VALUE** (default): meaning", "- **VALUE:** meaning", "- VALUE: meaning".
    [GeneratedRegex(@"^\s*- (?:\*\*(?<value>[^*]+?)\*\*(?:\s*\(default\))?\s*[:：]?|(?<value>[^\s:：*]+)\s*[:：])\s*(?<meaning>.*)$")]
    private static partial Regex Bullet();
}

/// <summary>What the importer changed by rule: one entry per place a rule applied.</summary>
public sealed class ImportReport
{
    private readonly List<(string Rule, string Where)> _entries = new();

    public IReadOnlyList<(string Rule, string Where)> Entries => _entries;

    public void Add(string rule, string where) => _entries.Add((rule, where));

    /// <summary>One block per rule: its count, then where it applied.</summary>
    public override string ToString() => string.Join(
        "\n",
        _entries.GroupBy(e => e.Rule).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}\n" + string.Join("\n", g.Select(e => "  " + e.Where))));
}
