using System;

namespace Dms.Codegen;

/// <summary>
/// The one check that text can travel as UTF-8: a lone surrogate cannot, and both the form encoder and
/// Utf8JsonWriter would silently send U+FFFD in its place, so a value that has one is refused before sending.
/// </summary>
internal static class DmsUtf16
{
    /// <summary>The index of the first surrogate that is not half of a pair, or -1.</summary>
    public static int LoneSurrogate(ReadOnlySpan<char> value)
    {
        var index = value.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (index >= 0)
        {
            if (!char.IsHighSurrogate(value[index]) || index + 1 == value.Length || !char.IsLowSurrogate(value[index + 1]))
            {
                return index;
            }

            var next = value[(index + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            index = next < 0 ? -1 : index + 2 + next;
        }

        return -1;
    }

    /// <summary>What is wrong with a value that has a lone surrogate at <paramref name="index"/>, after <paramref name="subject"/> ("The value of ...").</summary>
    public static string Problem(string subject, int index) =>
        $"{subject} is not valid UTF-16 text: it has a lone surrogate at index {index}, which UTF-8 cannot carry.";
}
