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
    public static bool IsValid(string name) => SyntaxFacts.IsValidIdentifier(name) && !name.StartsWith("@", System.StringComparison.Ordinal);

    public static bool IsKeyword(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None;
}
