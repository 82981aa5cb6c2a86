using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Dms.Codegen.Generator.Names;

/// <summary>
/// What C# itself says about a name: whether it is an identifier, a keyword, and which spellings are the same
/// identifier. The generator's own naming rules are in <see cref="GeneratedNames"/>.
/// </summary>
internal static class CSharpNames
{
    /// <summary>
    /// The longest name, in UTF-8 bytes, that stays within C#'s 512-character identifier limit and the 1,024-byte
    /// metadata name limit once the generator adds its suffixes (<c>Response</c>, <c>Async</c>, a backing field).
    /// </summary>
    public const int MaxUtf8Bytes = 500;

    public static bool IsValid(string name) => SyntaxFacts.IsValidIdentifier(name) && !name.StartsWith("@", System.StringComparison.Ordinal);

    public static bool IsKeyword(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None;

    /// <summary><c>var</c>, <c>record</c>, <c>required</c>, <c>_</c>...: legal names with a meaning in some position.</summary>
    public static bool IsContextualKeyword(string name) => name == "_" || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None;

    /// <summary>The names the compiler warns about as type names (CS8981): only the letters a to z.</summary>
    public static bool IsLowercaseOnly(string name)
    {
        foreach (var character in name)
        {
            if (character is < 'a' or > 'z')
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    /// <summary>
    /// A namespace C# can declare: identifiers joined by dots, each one a keyword only when escaped (<c>My.@class</c>),
    /// no longer than a name may be (the metadata name is the namespace and the type name together).
    /// </summary>
    public static bool IsNamespace(string name)
    {
        foreach (var segment in name.Split('.'))
        {
            var escaped = segment.StartsWith("@", System.StringComparison.Ordinal);
            var identifier = escaped ? segment.Substring(1) : segment;
            if (!IsValid(identifier) || (!escaped && IsKeyword(identifier)))
            {
                return false;
            }
        }

        return !IsTooLong(name);
    }

    public static bool IsTooLong(string name) => Encoding.UTF8.GetByteCount(name) > MaxUtf8Bytes;

    /// <summary>
    /// The identifier C# sees: it ignores formatting characters (U+200B, soft hyphen, ZWJ...) when comparing
    /// names and does no other normalisation, so removing them gives the one spelling to compare and emit.
    /// </summary>
    public static string Canonical(string name)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < name.Length; i++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(name[i]) == UnicodeCategory.Format)
            {
                builder ??= new StringBuilder(name, 0, i, name.Length);
            }
            else
            {
                builder?.Append(name[i]);
            }
        }

        return builder?.ToString() ?? name;
    }

    /// <summary>A member name as written in code: contextual keywords get <c>@</c>, which is always allowed.</summary>
    public static string EscapeMember(string name) => IsContextualKeyword(name) ? "@" + name : name;
}
