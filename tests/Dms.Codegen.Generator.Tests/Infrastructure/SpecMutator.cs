using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Dms.Codegen.Generator.Tests.Infrastructure;

/// <summary>Deterministic mutations of a spec's text, from small typos to garbage.</summary>
internal static class SpecMutator
{
    private static readonly string[] TypeWords = { "string", "int32", "int64", "double", "boolean", "any", "object", "array", "map", "DataExportJobStatus", "Nope", "class", "" };

    private static readonly string[] Fragments = { "*alias", "&anchor", "!!int", "{", "[", "]", "}", ":", "- ", "? ", "|", ">", "\"", "'", "#", "%YAML 1.2", "---", "...", "\t", "\u00e9", "\U0001F600", "\0", "\uFEFF", "\\u0000" };

    private static readonly Func<string, Random, string>[] Mutations =
    {
        DeleteLine, DuplicateLine, SwapLines, Truncate, InsertRandomBytes, SwapTypeWord, HugeNumber, Tabs, Bom,
        InsertFragment, Reindent, DeepNesting, ReplaceValue, Combine,
    };

    public static IEnumerable<(string Name, string Text)> Variants(string name, string text, int count, int seed)
    {
        var random = new Random(seed);
        var mutations = Mutations;
        yield return (name + "/empty", string.Empty);
        yield return (name + "/whitespace", "   \n\t\n");
        yield return (name + "/bom-only", "\uFEFF");
        for (var i = 0; i < count; i++)
        {
            var mutation = mutations[i % mutations.Length];
            yield return ($"{name}/{i}-{mutation.Method.Name}", mutation(text, random));
        }
    }

    /// <summary>One variant of each mutation kind, for corpora that cover many specs.</summary>
    public static IEnumerable<(string Kind, string Text)> OneOfEach(string text, Random random) =>
        Mutations.Select(mutation => (mutation.Method.Name, mutation(text, random)));

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    private static string DeleteLine(string text, Random random)
    {
        var lines = Lines(text).ToList();
        lines.RemoveAt(random.Next(lines.Count));
        return string.Join("\n", lines);
    }

    private static string DuplicateLine(string text, Random random)
    {
        var lines = Lines(text).ToList();
        var index = random.Next(lines.Count);
        lines.Insert(index, lines[index]);
        return string.Join("\n", lines);
    }

    private static string SwapLines(string text, Random random)
    {
        var lines = Lines(text);
        var a = random.Next(lines.Length);
        var b = random.Next(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join("\n", lines);
    }

    private static string Truncate(string text, Random random) => text.Substring(0, random.Next(text.Length));

    private static string InsertRandomBytes(string text, Random random)
    {
        var bytes = new byte[random.Next(1, 24)];
        random.NextBytes(bytes);
        var position = random.Next(text.Length);
        return text.Insert(position, Encoding.UTF8.GetString(bytes));
    }

    private static string SwapTypeWord(string text, Random random)
    {
        var lines = Lines(text);
        var typeLines = Enumerable.Range(0, lines.Length).Where(i => lines[i].TrimStart().StartsWith("type:", StringComparison.Ordinal)).ToList();
        if (typeLines.Count == 0)
        {
            return text;
        }

        var index = typeLines[random.Next(typeLines.Count)];
        var indent = lines[index].Length - lines[index].TrimStart().Length;
        lines[index] = new string(' ', indent) + "type: " + TypeWords[random.Next(TypeWords.Length)];
        return string.Join("\n", lines);
    }

    private static string HugeNumber(string text, Random random)
    {
        var huge = random.Next(3) switch { 0 => "99999999999999999999999999999999", 1 => "-9223372036854775809", _ => "1e400" };
        var lines = Lines(text);
        var index = random.Next(lines.Length);
        var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            lines[index] = lines[index].Substring(0, colon + 1) + " " + huge;
        }

        return string.Join("\n", lines);
    }

    private static string Tabs(string text, Random random)
    {
        var lines = Lines(text);
        var index = random.Next(lines.Length);
        lines[index] = "\t" + lines[index].TrimStart();
        return string.Join("\n", lines);
    }

    private static string Bom(string text, Random random) => random.Next(2) == 0 ? "\uFEFF" + text : text.Insert(random.Next(text.Length), "\uFEFF");

    private static string InsertFragment(string text, Random random) => text.Insert(random.Next(text.Length), Fragments[random.Next(Fragments.Length)]);

    private static string Reindent(string text, Random random)
    {
        var lines = Lines(text);
        var index = random.Next(lines.Length);
        lines[index] = new string(' ', random.Next(12)) + lines[index].TrimStart();
        return string.Join("\n", lines);
    }

    private static string DeepNesting(string text, Random random)
    {
        var depth = random.Next(10, 120);
        var builder = new StringBuilder(text).Append("\ntypes:\n  Deep:\n    properties:\n");
        for (var i = 0; i < depth; i++)
        {
            var indent = new string(' ', 6 + (i * 4));
            builder.Append(indent).Append("L").Append(i).Append(":\n").Append(indent).Append("  properties:\n");
        }

        builder.Append(new string(' ', 8 + (depth * 4))).Append("Leaf: { type: string }\n");
        return builder.ToString();
    }

    private static string ReplaceValue(string text, Random random)
    {
        var values = new[] { "[]", "{}", "~", "null", "true", "\"\"", "[1, [2, [3]]]", "{ a: { b: { c: d } } }", "GET", "form", "json", "flat", "simple", "repeatList", "\"Get Thing\"", "namespace" };
        var lines = Lines(text);
        var index = random.Next(lines.Length);
        var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            lines[index] = lines[index].Substring(0, colon + 1) + " " + values[random.Next(values.Length)];
        }

        return string.Join("\n", lines);
    }

    private static string Combine(string text, Random random) => SwapTypeWord(DuplicateLine(DeleteLine(text, random), random), random);
}
