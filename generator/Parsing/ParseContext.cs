using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;
using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// What one file's parse collects (diagnostics, declarations, references) and the small checks every part
/// of the parser shares: closed key sets, scalar shapes, closed word lists and C# names.
/// </summary>
internal sealed class ParseContext
{
    public ParseContext(string path, CancellationToken cancellationToken)
    {
        Path = path;
        CancellationToken = cancellationToken;
    }

    public string Path { get; }

    public CancellationToken CancellationToken { get; }

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    public List<Declaration> Declarations { get; } = new();

    public List<NameReference> References { get; } = new();

    public List<ParameterCheck> ParameterChecks { get; } = new();

    public List<StateCheck> StateChecks { get; } = new();

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    /// <summary>Reports every key of <paramref name="mapping"/> not in <paramref name="allowed"/>.</summary>
    public void CheckKeys(YamlNode mapping, string what, IReadOnlyList<string> allowed) => CheckKeys(mapping, what, null, allowed);

    /// <summary>
    /// As above, for "the <paramref name="kind"/> '<paramref name="name"/>'": the description is built only when a
    /// key is reported, since nearly every mapping has none (it was a string per member thrown away).
    /// </summary>
    public void CheckKeys(YamlNode mapping, string kind, string? name, IReadOnlyList<string> allowed)
    {
        string? what = name is null ? kind : null;
        foreach (var entry in mapping.Entries)
        {
            if (!allowed.Contains(entry.Key.Value!))
            {
                what ??= $"the {kind} '{name}'";
                Report(DiagnosticDescriptors.UnknownKey, entry.Key.Location, entry.Key.Value!, what, string.Join(", ", allowed));
            }
        }
    }

    public static YamlNode? Find(YamlNode mapping, string key)
    {
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    public static YamlNode? FindKey(YamlNode mapping, string key)
    {
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Key;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="node"/> is a mapping; otherwise reports it (null counts as an empty mapping when allowed).</summary>
    public bool IsMapping(YamlNode node, string key, bool allowNull = false)
    {
        if (node.Kind == YamlNodeKind.Mapping || (allowNull && node.Kind == YamlNodeKind.Null))
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidValue, node.Location, key, "expected a mapping but found " + node.Describe());
        return false;
    }

    /// <summary>The text of a scalar value; null when absent or reported as the wrong shape.</summary>
    public string? GetText(YamlNode mapping, string key)
    {
        var node = Find(mapping, key);
        if (node is null || node.Kind == YamlNodeKind.Null)
        {
            return null;
        }

        if (node.Kind != YamlNodeKind.Scalar)
        {
            Report(DiagnosticDescriptors.InvalidValue, node.Location, key, "expected text but found " + node.Describe());
            return null;
        }

        return node.Value;
    }

    public bool GetBoolean(YamlNode mapping, string key)
    {
        var node = Find(mapping, key);
        if (node is null || node.Kind == YamlNodeKind.Null)
        {
            return false;
        }

        if (node.Kind == YamlNodeKind.Scalar && (node.Value == "true" || node.Value == "false"))
        {
            return node.Value == "true";
        }

        Report(DiagnosticDescriptors.InvalidValue, node.Location, key, "expected true or false");
        return false;
    }

    /// <summary>One of a closed list of words (case-sensitive), or <paramref name="defaultWord"/> when absent.</summary>
    public string? GetWord(YamlNode mapping, string key, string defaultWord, params string[] words)
    {
        var node = Find(mapping, key);
        if (node is null || node.Kind == YamlNodeKind.Null)
        {
            return defaultWord;
        }

        if (node.Kind == YamlNodeKind.Scalar && words.Contains(node.Value))
        {
            return node.Value;
        }

        Report(DiagnosticDescriptors.InvalidValue, node.Location, key, "expected one of " + string.Join(", ", words));
        return null;
    }

    /// <summary>
    /// The C# name for a spec name used as <paramref name="use"/>, or null after reporting why it cannot be one:
    /// not an identifier (DMS0007), a keyword (DMS0008), too long (DMS0019), or a type name that C# reserves
    /// or warns about (DMS0018). Formatting characters are removed (C# ignores them); member names that are
    /// contextual keywords are escaped with <c>@</c>. <paramref name="at"/> is where a diagnostic points (its
    /// location is made only then).
    /// </summary>
    public string? Identifier(string name, YamlNode at, NameUse use, string hint = "")
    {
        var canonical = CSharpNames.Canonical(name);
        if (CSharpNames.IsKeyword(canonical))
        {
            Report(DiagnosticDescriptors.KeywordIdentifier, at.Location, canonical);
            return null;
        }

        if (!CSharpNames.IsValid(name) || canonical.Length == 0)
        {
            Report(DiagnosticDescriptors.InvalidIdentifier, at.Location, name, hint);
            return null;
        }

        if (CSharpNames.IsTooLong(canonical))
        {
            Report(DiagnosticDescriptors.IdentifierTooLong, at.Location, canonical.Substring(0, 40) + "...", CSharpNames.MaxUtf8Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        if (use == NameUse.Type && (CSharpNames.IsContextualKeyword(canonical) || CSharpNames.IsLowercaseOnly(canonical)))
        {
            Report(DiagnosticDescriptors.ReservedTypeName, at.Location, canonical);
            return null;
        }

        if (use == NameUse.Type && GeneratedNames.IsReservedTypeName(canonical))
        {
            Report(DiagnosticDescriptors.NameCollision, at.Location, canonical, "a type the generated code uses by that name");
            return null;
        }

        return use == NameUse.Member ? CSharpNames.EscapeMember(canonical) : canonical;
    }

    public void Declare(string name, DeclarationKind kind, LocationInfo location, bool numericEnum = false, EquatableArray<string> enumValues = default, ObjectModel? shape = null) =>
        Declarations.Add(new Declaration(name, kind, numericEnum, location) { EnumValues = enumValues, Shape = shape });
}

/// <summary>What a spec name becomes in C#, which decides the rules it must meet.</summary>
internal enum NameUse
{
    /// <summary>A class, struct or enum name: contextual keywords and lowercase-only names are refused.</summary>
    Type,

    /// <summary>A property or enum member: contextual keywords are escaped.</summary>
    Member,

    /// <summary>An operation, or a reference to a declared type: only C#'s own rules.</summary>
    Other,
}
