using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>What makes a spec name usable as a C# name.</summary>
internal static class Identifiers
{
    /// <summary>Members every generated class has, plus those inherited from <see cref="object"/>.</summary>
    public static readonly string[] ReservedObjectMembers =
    {
        "ReadJson", "WriteJson", "AdditionalProperties", "Validate", "BuildRequest", "Types", "Descriptor",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>Members every generated enum struct has.</summary>
    public static readonly string[] ReservedEnumMembers =
    {
        "Value", "IsKnown", "Description", "KnownValues",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>Operation names whose <c>{Name}Async</c> method would clash with the client base class.</summary>
    public static readonly string[] ReservedOperations = { "Send", "Dispose" };

    public static bool IsValid(string name) => SyntaxFacts.IsValidIdentifier(name) && !name.StartsWith("@", System.StringComparison.Ordinal);

    public static bool IsKeyword(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None;

    /// <summary>
    /// The C# member name for an enum wire value: words split on anything not a letter or digit, each word
    /// capitalised (<c>PRE_CHECK_SUCCESS</c> → <c>PreCheckSuccess</c>; <c>dataExport</c> → <c>DataExport</c>);
    /// a leading digit gets the prefix <c>Value</c>. Returns an empty string when nothing usable is left.
    /// </summary>
    public static string ToPascalCase(string value)
    {
        var builder = new StringBuilder(value.Length);
        var startOfWord = true;
        var allUpper = IsAllUpperOrDigits(value);
        foreach (var character in value)
        {
            if (!char.IsLetterOrDigit(character))
            {
                startOfWord = true;
                continue;
            }

            if (startOfWord)
            {
                builder.Append(char.ToUpperInvariant(character));
                startOfWord = false;
            }
            else
            {
                // SHOUTING_CASE words are lower-cased; camelCase and PascalCase keep their inner capitals.
                builder.Append(allUpper ? char.ToLowerInvariant(character) : character);
            }
        }

        if (builder.Length > 0 && char.IsDigit(builder[0]))
        {
            builder.Insert(0, "Value");
        }

        return builder.ToString();
    }

    private static bool IsAllUpperOrDigits(string value)
    {
        foreach (var character in value)
        {
            if (char.IsLower(character))
            {
                return false;
            }
        }

        return true;
    }
}
