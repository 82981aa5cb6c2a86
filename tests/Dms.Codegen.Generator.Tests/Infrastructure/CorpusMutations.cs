using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Dms.Codegen.Generator.Tests.Infrastructure;

/// <summary>One mutated spec. <see cref="TabLine"/> is the 0-based line a tab was put on, where one was.</summary>
internal sealed record Mutant(string Spec, string Kind, string Text, int? TabLine = null)
{
    public string Name => $"{Spec}/{Kind}";
}

/// <summary>
/// The mutations a user's editor makes by accident (a line indented one or two columns off, a tab before a key,
/// two lines swapped, a name typed in the wrong case), applied to any spec. Deterministic for a given Random.
/// </summary>
internal static class CorpusMutations
{
    // A block mapping key at the start of a line, quoted or not: the lines a tab or an indent change breaks.
    private static readonly Regex KeyLine = new("^(?<indent> *)(?<key>\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*):", RegexOptions.CultureInvariant);

    /// <summary>Every spec of the repository: the hand-written ones and the imported library, 325 operations.</summary>
    public static IReadOnlyList<(string Name, string Text)> AllSpecs()
    {
        var specs = Path.Combine(BaselineFiles.RepositoryRoot(), "specs");
        return Directory.GetFiles(specs, "*.yaml").Concat(Directory.GetFiles(Path.Combine(specs, "library"), "*.yaml"))
            .Select(path => (Path.GetRelativePath(specs, path).Replace('\\', '/'), File.ReadAllText(path).ReplaceLineEndings("\n")))
            .OrderBy(spec => spec.Item1, StringComparer.Ordinal)
            .ToList();
    }

    public static IEnumerable<Mutant> For(string spec, string text, Random random)
    {
        foreach (var delta in new[] { 1, -1, 2, -2 })
        {
            yield return new Mutant(spec, $"indent{delta:+0;-0}", Reindent(text, delta, random));
        }

        yield return TabBeforeTopLevelKey(spec, text, random);
        yield return new Mutant(spec, "swap", SwapTwoLines(text, random));
        yield return new Mutant(spec, "case-operation", ChangeCase(text, OperationNameLine(text), random));
        yield return new Mutant(spec, "case-type", ChangeCase(text, TypeNameLines(text, random), random));
    }

    private static string[] Lines(string text) => text.Split('\n');

    /// <summary>Moves one key line <paramref name="delta"/> columns; a line too shallow to move left is not picked.</summary>
    private static string Reindent(string text, int delta, Random random)
    {
        var lines = Lines(text);
        var candidates = Enumerable.Range(0, lines.Length).Where(i => KeyLine.Match(lines[i]) is { Success: true } m && m.Groups["indent"].Length + delta >= 0).ToList();
        var index = candidates[random.Next(candidates.Count)];
        lines[index] = delta > 0 ? new string(' ', delta) + lines[index] : lines[index].Substring(-delta);
        return string.Join("\n", lines);
    }

    /// <summary>A tab before a top-level key other than the first, so that a diagnostic at 1:1 cannot pass for it.</summary>
    private static Mutant TabBeforeTopLevelKey(string spec, string text, Random random)
    {
        var lines = Lines(text);
        var topLevel = Enumerable.Range(0, lines.Length).Where(i => KeyLine.Match(lines[i]) is { Success: true } m && m.Groups["indent"].Length == 0).Skip(1).ToList();
        var index = topLevel[random.Next(topLevel.Count)];
        lines[index] = "\t" + lines[index];
        return new Mutant(spec, "tab", string.Join("\n", lines), index);
    }

    private static string SwapTwoLines(string text, Random random)
    {
        var lines = Lines(text);
        var a = random.Next(lines.Length);
        var b = (a + 1 + random.Next(lines.Length - 1)) % lines.Length;
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join("\n", lines);
    }

    private static int OperationNameLine(string text) => Array.FindIndex(Lines(text), line => line.StartsWith("operation:", StringComparison.Ordinal));

    /// <summary>A declared type or enum name, an inline object's typeName, or else a member name (it names nested types).</summary>
    private static int TypeNameLines(string text, Random random)
    {
        var lines = Lines(text);
        var declared = new List<int>();
        var members = new List<int>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var match = KeyLine.Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var indent = match.Groups["indent"].Length;
            section = indent == 0 ? match.Groups["key"].Value : section;
            if ((indent == 2 && section is "types" or "enums") || match.Groups["key"].Value == "typeName")
            {
                declared.Add(i);
            }
            else if (indent >= 4 && section is "response" or "parameters" && !IsSchemaKeyword(match.Groups["key"].Value))
            {
                members.Add(i);
            }
        }

        var pool = declared.Count > 0 ? declared : members;
        return pool.Count == 0 ? OperationNameLine(text) : pool[random.Next(pool.Count)];
    }

    private static bool IsSchemaKeyword(string key) => key is "type" or "description" or "remarks" or "example" or "required" or "properties" or "items" or "additionalProperties" or "name" or "style" or "in" or "enum" or "format" or "default";

    /// <summary>Changes the case of the name on <paramref name="index"/>: the key, or the value after "operation:"/"typeName:".</summary>
    private static string ChangeCase(string text, int index, Random random)
    {
        var lines = Lines(text);
        var line = lines[index];
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var isValue = line.TrimStart().StartsWith("operation:", StringComparison.Ordinal) || line.TrimStart().StartsWith("typeName:", StringComparison.Ordinal);
        var (start, end) = isValue ? (colon + 1, line.Length) : (0, colon);
        var name = line.Substring(start, end - start);
        var changed = random.Next(3) switch
        {
            0 => name.ToUpperInvariant(),
            1 => name.ToLowerInvariant(),
            _ => ToggleFirstLetter(name),
        };
        lines[index] = line.Substring(0, start) + changed + line.Substring(end);
        return string.Join("\n", lines);
    }

    private static string ToggleFirstLetter(string name)
    {
        var i = name.IndexOfAny("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".ToCharArray());
        if (i < 0)
        {
            return name;
        }

        var c = name[i];
        return name.Substring(0, i) + (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) + name.Substring(i + 1);
    }
}
