using System.Collections.Generic;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// The member names of one generated type, compared as C# compares them (after <c>CSharpNames.Canonical</c>).
/// Two spellings that differ only by formatting characters are DMS0017 at both places; the same spelling twice
/// is DMS0009 at the second.
/// </summary>
internal sealed class MemberScope
{
    private readonly ParseContext _context;
    private readonly Dictionary<string, (string Raw, LocationInfo Location)> _names = new(System.StringComparer.Ordinal);

    public MemberScope(ParseContext context) => _context = context;

    /// <summary>Adds a member; false (after reporting) when the type already has one of that C# name.</summary>
    public bool Add(string name, string raw, LocationInfo location, string collidesWith)
    {
        if (!_names.TryGetValue(name, out var earlier))
        {
            _names.Add(name, (raw, location));
            return true;
        }

        if (earlier.Raw != raw)
        {
            _context.Report(DiagnosticDescriptors.EquivalentNames, earlier.Location, earlier.Raw, raw, "(they differ only by formatting characters)");
            _context.Report(DiagnosticDescriptors.EquivalentNames, location, raw, earlier.Raw, "(they differ only by formatting characters)");
        }
        else
        {
            _context.Report(DiagnosticDescriptors.NameCollision, location, name, collidesWith);
        }

        return false;
    }
}
