using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// The inline object types declared below one root class. They are generated as <c>{Root}.Types.{Name}</c>,
/// so their names must be unique within the root but never clash with member names.
/// </summary>
internal sealed class TypeScope
{
    private readonly HashSet<string> _names = new(System.StringComparer.Ordinal);

    public TypeScope(string rootName) => RootName = rootName;

    public string RootName { get; }

    public List<ObjectModel> NestedTypes { get; } = new();

    public string Qualify(string name) => GeneratedNames.Nested(RootName, name);

    public bool TryReserve(string name) => _names.Add(name);
}

/// <summary>Parses schemas: parameters, properties, array items, map values and object types.</summary>
internal static class SchemaParser
{
    public static readonly string[] SchemaKeys =
    {
        "type", "description", "remarks", "example", "required", "deprecated", "name", "properties", "typeName", "items", "additionalProperties",
    };

    public static readonly string[] BuiltInTypes = { "string", "int32", "int64", "double", "boolean", "any", "object", "array", "map" };

    /// <summary>Parses the member <paramref name="key"/>: <paramref name="node"/> is its schema.</summary>
    public static PropertyModel? ParseProperty(ParseContext context, YamlNode key, YamlNode node, TypeScope scope, string kind, IReadOnlyList<string> keys, int depth)
    {
        var wireName = key.Value!;
        if (!context.IsMapping(node, wireName))
        {
            return null;
        }

        context.CheckKeys(node, kind, wireName, keys);
        var nameNode = ParseContext.Find(node, "name");
        var name = context.GetText(node, "name") ?? wireName;
        if (wireName.Length == 0)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, key.Location, "key", "a member's wire name cannot be empty");
            return null;
        }

        var csharpName = context.Identifier(name, nameNode ?? key, NameUse.Member, nameNode is null ? "; set 'name:' to a C# name for this member" : string.Empty);
        var type = ParseType(context, node, (csharpName ?? name).TrimStart('@'), scope, depth);
        if (type is null || csharpName is null)
        {
            return null;
        }

        return new PropertyModel(wireName, csharpName, type, context.GetBoolean(node, "required"), ParseDocs(context, node));
    }

    public static Docs ParseDocs(ParseContext context, YamlNode node) => new(
        context.GetText(node, "description"),
        context.GetText(node, "remarks"),
        context.GetText(node, "example"),
        context.GetBoolean(node, "deprecated"));

    /// <summary>
    /// The type a schema describes. <paramref name="memberName"/> names an inline object when the schema
    /// gives no <c>typeName</c>.
    /// </summary>
    public static TypeRef? ParseType(ParseContext context, YamlNode schema, string memberName, TypeScope scope, int depth)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        var typeNode = ParseContext.Find(schema, "type");
        var properties = ParseContext.Find(schema, "properties");
        var items = ParseContext.Find(schema, "items");
        var values = ParseContext.Find(schema, "additionalProperties");
        var typeWord = context.GetText(schema, "type") ?? (properties is not null ? "object" : null);
        if (typeWord is null)
        {
            if (typeNode is null)
            {
                context.Report(DiagnosticDescriptors.MissingKey, schema.Location, $"The schema of '{memberName}'", "type");
            }

            return null;
        }

        var at = typeNode ?? schema;
        if (!CheckShapeKeys(context, schema, typeWord))
        {
            return null;
        }

        switch (typeWord)
        {
            case "string": return TypeRef.String;
            case "int32": return TypeRef.Int32;
            case "int64": return TypeRef.Int64;
            case "double": return TypeRef.Double;
            case "boolean": return TypeRef.Boolean;
            case "any": return TypeRef.Any;
            case "object":
                return ParseInlineObject(context, schema, properties, memberName, scope, depth);
            case "array":
                if (items is null)
                {
                    context.Report(DiagnosticDescriptors.MissingKey, at.Location, "An array", "items");
                    return null;
                }

                var item = context.IsMapping(items, "items") ? ParseType(context, items, GeneratedNames.ArrayItem(memberName), scope, depth + 1) : null;
                return item is null ? null : new TypeRef(TypeRefKind.Array, Element: item);
            case "map":
                if (values is null)
                {
                    context.Report(DiagnosticDescriptors.MissingKey, at.Location, "A map", "additionalProperties");
                    return null;
                }

                var value = context.IsMapping(values, "additionalProperties") ? ParseType(context, values, GeneratedNames.MapValue(memberName), scope, depth + 1) : null;
                return value is null ? null : new TypeRef(TypeRefKind.Map, Element: value);
            default:
                if (context.Identifier(typeWord, at, NameUse.Other) is not { } reference)
                {
                    return null;
                }

                context.References.Add(new NameReference(reference, at.Location));
                return TypeRef.Unresolved(reference);
        }
    }

    /// <summary>Parses the members of an object type into a class named <paramref name="className"/>.</summary>
    public static ObjectModel? ParseObjectBody(ParseContext context, string className, YamlNode? properties, Docs docs, TypeScope scope, YamlNode at, int depth)
    {
        if (depth > YamlReader.MaxDepth)
        {
            context.Report(DiagnosticDescriptors.NestingTooDeep, at.Location, YamlReader.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        var members = new List<PropertyModel>();
        var memberNames = new MemberScope(context);
        var ok = true;
        if (properties is not null && context.IsMapping(properties, "properties", allowNull: true))
        {
            foreach (var entry in properties.Entries)
            {
                var property = ParseProperty(context, entry.Key, entry.Value, scope, "property", SchemaKeys, depth + 1);
                if (property is null)
                {
                    ok = false;
                    continue;
                }

                if (property.Name == className)
                {
                    context.Report(DiagnosticDescriptors.NameCollision, entry.Key.Location, property.Name, "the name of its enclosing type; set 'name:' on the member or 'typeName:' on the object");
                    ok = false;
                }
                else if (GeneratedNames.ReservedObjectMembers.Contains(property.Name))
                {
                    context.Report(DiagnosticDescriptors.NameCollision, entry.Key.Location, property.Name, "a generated member of the same name");
                    ok = false;
                }
                else if (!memberNames.Add(property.Name, RawName(entry), entry.Key, "another member of ", className))
                {
                    ok = false;
                }

                members.Add(property);
            }
        }
        else if (properties is not null)
        {
            ok = false;
        }

        return ok ? new ObjectModel(className, docs, members.ToEquatableArray(), EquatableArray<ObjectModel>.Empty) : null;
    }

    /// <summary>The C# name of a member as the spec spells it (its <c>name:</c>, or its wire name), for diagnostics.</summary>
    public static string RawName(KeyValuePair<YamlNode, YamlNode> entry) =>
        (entry.Value.Kind == YamlNodeKind.Mapping ? ParseContext.Find(entry.Value, "name")?.Value : null) ?? entry.Key.Value!;

    private static TypeRef? ParseInlineObject(ParseContext context, YamlNode schema, YamlNode? properties, string memberName, TypeScope scope, int depth)
    {
        var typeNameNode = ParseContext.Find(schema, "typeName");
        var explicitName = context.GetText(schema, "typeName");
        var at = typeNameNode ?? schema;
        if (context.Identifier(explicitName ?? DefaultClassName(memberName.TrimStart('@'), properties), at, NameUse.Type, "; set 'typeName:'") is not { } className)
        {
            return null;
        }

        if (className == GeneratedNames.NestedTypesClass || !scope.TryReserve(className))
        {
            context.Report(DiagnosticDescriptors.NameCollision, at.Location, className, $"another type nested in {scope.RootName}; set 'typeName:' to tell them apart");
            return null;
        }

        var model = ParseObjectBody(context, className, properties, ParseDocs(context, schema), scope, at, depth + 1);
        if (model is null)
        {
            return null;
        }

        scope.NestedTypes.Add(model);
        return TypeRef.Object(scope.Qualify(className));
    }

    private static string DefaultClassName(string memberName, YamlNode? properties)
    {
        var hasMemberOfThatName = false;
        if (properties is { Kind: YamlNodeKind.Mapping })
        {
            foreach (var entry in properties.Entries)
            {
                var name = entry.Value.Kind == YamlNodeKind.Mapping ? ParseContext.Find(entry.Value, "name")?.Value ?? entry.Key.Value : entry.Key.Value;
                hasMemberOfThatName |= name == memberName;
            }
        }

        return GeneratedNames.InlineClass(memberName, hasMemberOfThatName);
    }

    /// <summary>properties, items, additionalProperties and typeName belong to one type each.</summary>
    private static bool CheckShapeKeys(ParseContext context, YamlNode schema, string typeWord)
    {
        var ok = true;
        ok &= Allow(context, schema, "properties", typeWord == "object");
        ok &= Allow(context, schema, "typeName", typeWord == "object");
        ok &= Allow(context, schema, "items", typeWord == "array");
        ok &= Allow(context, schema, "additionalProperties", typeWord == "map");
        return ok;

        static bool Allow(ParseContext context, YamlNode schema, string key, bool allowed)
        {
            var keyNode = ParseContext.FindKey(schema, key);
            if (keyNode is null || allowed)
            {
                return true;
            }

            context.Report(DiagnosticDescriptors.InvalidValue, keyNode.Location, key, $"'{key}' does not apply to type '{ParseContext.Find(schema, "type")?.Value}'");
            return false;
        }
    }
}
