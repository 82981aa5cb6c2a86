using System;
using System.Linq;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// The using directives a generated file needs: one for each namespace of <see cref="KnownTypes.Imports"/> whose
/// names the file uses as simple names (not after a dot), and <c>using static</c> for the reader methods. Found
/// in one pass over the text's identifiers, each compared in place with the few names that share its first
/// character: a regular expression here cost a third of the emit step, a string per identifier a tenth.
/// </summary>
internal static class Imports
{
    private static readonly string[] Directives = KnownTypes.Imports
        .Select(i => $"using global::{i.Namespace};")
        .Concat(new[] { $"using static global::Dms.Codegen.Json.{KnownTypes.JsonReader};" })
        .ToArray();

    // Every importable name with the index of its directive.
    private static readonly (string Name, int Directive)[] Names = KnownTypes.Imports
        .SelectMany((import, index) => import.Names.Select(name => (name, index)))
        .Concat(JsonEmitter.ReaderMethods.Select(name => (name, KnownTypes.Imports.Length)))
        .ToArray();

    private static readonly int Shortest = Names.Min(n => n.Name.Length);

    private static readonly (string Name, int Directive)[]?[] ByFirst = Enumerable.Range(0, 128)
        .Select(c => Names.Where(n => n.Name[0] == c).ToArray())
        .Select(group => group.Length == 0 ? null : group)
        .ToArray();

    // Which ASCII characters are identifier characters: a table, since this test runs once per character of output.
    private static readonly bool[] AsciiIdentifier = Enumerable.Range(0, 128)
        .Select(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
        .ToArray();

    /// <summary>The length of the longest text <see cref="For"/> returns: every directive.</summary>
    public static int LongestList { get; } = Directives.Sum(d => d.Length + 1);

    /// <summary>The directives <paramref name="text"/> needs, each on its line, in the order of <see cref="KnownTypes.Imports"/>.</summary>
    public static string For(ArraySegment<char> text)
    {
        var used = Used(text);
        var buffer = new char[Length(used)];
        var position = 0;
        Put(used, buffer, ref position);
        return new string(buffer);
    }

    /// <summary>The length of the directives <paramref name="used"/> (from <see cref="Used"/>) marks, each with its line break.</summary>
    public static int Length(bool[] used)
    {
        var length = 0;
        for (var i = 0; i < Directives.Length; i++)
        {
            length += used[i] ? Directives[i].Length + 1 : 0;
        }

        return length;
    }

    /// <summary>Writes the directives <paramref name="used"/> marks into <paramref name="buffer"/> at <paramref name="position"/>.</summary>
    public static void Put(bool[] used, char[] buffer, ref int position)
    {
        for (var i = 0; i < Directives.Length; i++)
        {
            if (used[i])
            {
                SpecEmitter.Put(buffer, ref position, Directives[i]);
                buffer[position++] = '\n';
            }
        }
    }

    /// <summary>Which directives <paramref name="segment"/> needs, by their index in <see cref="KnownTypes.Imports"/> order.</summary>
    public static bool[] Used(ArraySegment<char> segment)
    {
        var used = new bool[Directives.Length];
        // One table test per character: only a character that can begin a name (and begins an identifier not after
        // a dot) is looked at further. Walking every identifier to its end was a quarter of the emit step.
        var text = new ReadOnlySpan<char>(segment.Array, segment.Offset, segment.Count);
        var last = text.Length - Shortest;
        for (var i = 0; i <= last; i++)
        {
            var c = text[i];
            if (c >= 128 || ByFirst[c] is not { } candidates || (i > 0 && (text[i - 1] == '.' || IsIdentifierChar(text[i - 1]))))
            {
                continue;
            }

            foreach (var (name, directive) in candidates)
            {
                var end = i + name.Length;
                if (!used[directive] && end <= text.Length && (end == text.Length || !IsIdentifierChar(text[end])) && text.Slice(i, name.Length).SequenceEqual(name.AsSpan()))
                {
                    used[directive] = true;
                    break;
                }
            }
        }

        return used;
    }

    private static bool IsIdentifierChar(char c) => c < 128 ? AsciiIdentifier[c] : char.IsLetterOrDigit(c);
}
