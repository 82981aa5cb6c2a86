using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>Parses the <c>enums</c> section: documented values with their meanings.</summary>
internal static class EnumParser
{
    public static readonly string[] EnumKeys = { "type", "description", "remarks", "deprecated", "values" };

    public static readonly string[] ValueKeys = { "name", "description", "deprecated" };

    public static EnumModel? Parse(ParseContext context, YamlNode key, YamlNode node)
    {
        var name = key.Value!;
        if (!context.IsMapping(node, name))
        {
            return null;
        }

        context.CheckKeys(node, "enum", name, EnumKeys);
        var canonical = context.Identifier(key.Value!, key, NameUse.Type);
        var ok = canonical is not null;
        name = canonical ?? name;
        var underlying = context.GetWord(node, "type", "string", "string", "int32", "int64");
        ok &= underlying is not null;
        var numeric = underlying is "int32" or "int64";
        var valuesNode = ParseContext.Find(node, "values");
        if (valuesNode is null)
        {
            context.Report(DiagnosticDescriptors.MissingKey, key.Location, $"The enum '{name}'", "values");
            return null;
        }

        if (!context.IsMapping(valuesNode, "values"))
        {
            return null;
        }

        var values = new List<EnumValueModel>();
        var byMember = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var entry in valuesNode.Entries)
        {
            var value = ParseValue(context, name, underlying, entry.Key, entry.Value);
            if (value is null)
            {
                ok = false;
                continue;
            }

            if (value.Name == name || GeneratedNames.ReservedEnumMembers.Contains(value.Name))
            {
                context.Report(DiagnosticDescriptors.NameCollision, entry.Key.Location, value.Name, value.Name == name ? "the enum's own name" : "a generated member of the enum");
                ok = false;
            }
            else if (byMember.TryGetValue(value.Name, out var earlier))
            {
                context.Report(DiagnosticDescriptors.EnumValueCollision, entry.Key.Location, name, earlier, value.Value, value.Name);
                ok = false;
            }
            else
            {
                byMember.Add(value.Name, value.Value);
            }

            values.Add(value);
        }

        context.Declare(name, DeclarationKind.Enum, key.Location, numeric, values.Select(v => v.Value).ToEquatableArray());
        return ok ? new EnumModel(name, numeric, SchemaParser.ParseDocs(context, node), values.ToEquatableArray()) : null;
    }

    private static EnumValueModel? ParseValue(ParseContext context, string enumName, string? underlying, YamlNode key, YamlNode node)
    {
        var value = key.Value!;
        if (value.Length == 0)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, key.Location, "values", "an enum value cannot be empty");
            return null;
        }

        if (underlying == "int32" && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            || underlying == "int64" && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            context.Report(DiagnosticDescriptors.InvalidValue, key.Location, "values", $"'{value}' is not an {underlying} value, but the enum '{enumName}' is of type {underlying}");
            return null;
        }

        string? description;
        string? explicitName = null;
        var deprecated = false;
        YamlNode? nameNode = null;
        switch (node.Kind)
        {
            case YamlNodeKind.Null:
                description = null;
                break;
            case YamlNodeKind.Scalar:
                description = node.Value;
                break;
            case YamlNodeKind.Mapping:
                context.CheckKeys(node, "enum value", value, ValueKeys);
                nameNode = ParseContext.Find(node, "name");
                explicitName = context.GetText(node, "name");
                description = context.GetText(node, "description");
                deprecated = context.GetBoolean(node, "deprecated");
                break;
            default:
                context.Report(DiagnosticDescriptors.InvalidValue, node.Location, value, "expected the value's meaning or a mapping with name and description");
                return null;
        }

        var candidate = explicitName ?? GeneratedNames.EnumMember(value);
        if (context.Identifier(candidate.Length == 0 ? value : candidate, nameNode ?? key, NameUse.Member, explicitName is null ? "; set 'name:' for this value" : string.Empty) is not { } memberName)
        {
            return null;
        }

        return new EnumValueModel(value, memberName, description, deprecated);
    }
}
