using System.Collections.Generic;
using Dms.Codegen.Generator.Diagnostics;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// The member names of one generated type, compared as C# compares them (after <c>CSharpNames.Canonical</c>).
/// Two spellings that differ only by formatting characters are DMS0017 at both places; the same spelling twice
/// is DMS0009 at the second.
/// </summary>
internal sealed class MemberScope
{
    private readonly ParseContext _context;
    private readonly Dictionary<string, (string Raw, YamlNode At)> _names = new(System.StringComparer.Ordinal);

    public MemberScope(ParseContext context) => _context = context;

    /// <summary>
    /// Adds a member; false (after reporting that it collides with <paramref name="collidesWith"/> + <paramref name="owner"/>)
    /// when the type already has one of that C# name. Locations and the message are made only for a diagnostic.
    /// </summary>
    public bool Add(string name, string raw, YamlNode at, string collidesWith, string owner)
    {
        if (!_names.TryGetValue(name, out var earlier))
        {
            _names.Add(name, (raw, at));
            return true;
        }

        if (earlier.Raw != raw)
        {
            _context.Report(DiagnosticDescriptors.EquivalentNames, earlier.At.Location, earlier.Raw, raw, "(they differ only by formatting characters)");
            _context.Report(DiagnosticDescriptors.EquivalentNames, at.Location, raw, earlier.Raw, "(they differ only by formatting characters)");
        }
        else
        {
            _context.Report(DiagnosticDescriptors.NameCollision, at.Location, name, collidesWith + owner);
        }

        return false;
    }
}
