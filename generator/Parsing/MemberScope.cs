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

    // Searched in place while short (most types have a handful of members): a dictionary per type and per operation's
    // parameters was more of the parse step's garbage than the members themselves.
    private readonly List<(string Name, string Raw, YamlNode At)> _members = new();
    private Dictionary<string, int>? _byName;

    public MemberScope(ParseContext context) => _context = context;

    /// <summary>
    /// Adds a member; false (after reporting that it collides with <paramref name="collidesWith"/> + <paramref name="owner"/>)
    /// when the type already has one of that C# name. Locations and the message are made only for a diagnostic.
    /// </summary>
    public bool Add(string name, string raw, YamlNode at, string collidesWith, string owner)
    {
        var found = Find(name);
        if (found < 0)
        {
            _byName?.Add(name, _members.Count);
            _members.Add((name, raw, at));
            return true;
        }

        var earlier = _members[found];
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

    private int Find(string name)
    {
        if (_byName is null && _members.Count < 16)
        {
            for (var i = 0; i < _members.Count; i++)
            {
                if (_members[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        if (_byName is null)
        {
            _byName = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (var i = 0; i < _members.Count; i++)
            {
                _byName.Add(_members[i].Name, i);
            }
        }

        return _byName.TryGetValue(name, out var index) ? index : -1;
    }
}
