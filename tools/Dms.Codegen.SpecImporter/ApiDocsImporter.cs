using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Generator.Names;
using Map = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object?>>;

namespace Dms.Codegen.SpecImporter;

/// <summary>
/// Turns one operation of Alibaba Cloud's OpenAPI metadata (<c>api-docs.json</c>, as in
/// shared/reference/dms-api) into a Dms.Codegen spec. Every name it writes obeys the generator's rules:
/// members that are not C# identifiers get <c>name:</c>, every inline object gets a unique <c>typeName:</c>,
/// and every documented value list becomes an enum named after the operation and member.
/// </summary>
public static class ApiDocsImporter
{
    /// <summary>Every operation in the metadata, as (operation name, YAML text), in name order.</summary>
    public static IEnumerable<(string Operation, string Yaml)> ImportAll(JsonElement apiDocs, string version, ImportReport? report = null)
    {
        foreach (var api in apiDocs.GetProperty("apis").EnumerateObject().OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            yield return (api.Name, Import(api.Name, api.Value, version, report));
        }
    }

    /// <summary>One operation as a spec; what the enum rules changed goes to <paramref name="report"/>.</summary>
    public static string Import(string operation, JsonElement api, string version, ImportReport? report = null)
    {
        var context = new OperationContext(operation, report ?? new ImportReport());
        var spec = new Map
        {
            new("operation", operation),
            new("version", version),
            new("method", api.TryGetProperty("methods", out var methods) && methods[0].GetString() == "get" ? "GET" : "POST"),
            new("summary", Text(api, "summary")),
            new("description", DocText.Paragraphs(Text(api, "description"))),
        };
        if (api.TryGetProperty("deprecated", out var deprecated) && deprecated.ValueKind == JsonValueKind.True)
        {
            spec.Add(new("deprecated", true));
        }

        var requestScope = new NameScope();
        var requestMembers = new NameScope();
        var parameters = new Map();
        foreach (var parameter in api.GetProperty("parameters").EnumerateArray())
        {
            var wire = parameter.GetProperty("name").GetString()!;
            var schema = parameter.GetProperty("schema");
            var node = Schema(context, schema, wire, MemberName(wire, operation + "Request", requestMembers), requestScope, requestSide: true, parameter: true);
            if (parameter.GetProperty("in").GetString() == "formData")
            {
                node.Add(new("in", "form"));
            }

            if (parameter.TryGetProperty("style", out var style) && IsComplex(schema))
            {
                node.Add(new("style", style.GetString()));
            }
            else if (IsComplex(schema))
            {
                node.Add(new("style", "json"));
            }
            else if (EnumRules.Classify(schema) == EnumRules.Shape.CommaJoined)
            {
                // The wire carries one comma-joined string, which is exactly what the simple style sends.
                node.Add(new("style", "simple"));
            }

            parameters.Add(new(wire, node));
        }

        spec.Add(new("parameters", parameters));
        var response = api.GetProperty("responses").GetProperty("200").GetProperty("schema");
        var responseScope = new NameScope();
        spec.Add(new("response", new Map { new("properties", Members(context, response, operation + "Response", responseScope, requestSide: false)) }));
        spec.AddRange(WorkflowDetector.Detect(api));
        if (context.Enums.Count > 0)
        {
            spec.Add(new("enums", context.Enums));
        }

        var writer = new YamlWriter();
        writer.Comment("yaml-language-server: $schema=../schema/dms-spec.schema.json");
        writer.Comment($"Imported from Alibaba Cloud's OpenAPI metadata for {operation}; see tools/Dms.Codegen.SpecImporter.");
        foreach (var entry in spec)
        {
            writer.Write(0, entry.Key, entry.Value);
        }

        return writer.ToString();
    }

    private static Map Members(OperationContext context, JsonElement schema, string className, NameScope typeScope, bool requestSide)
    {
        var members = new Map();
        var names = new NameScope();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                members.Add(new(property.Name, Schema(context, property.Value, property.Name, MemberName(property.Name, className, names), typeScope, requestSide)));
            }
        }

        return members;
    }

    private static Map Schema(OperationContext context, JsonElement schema, string wire, string member, NameScope typeScope, bool requestSide, bool parameter = false)
    {
        var node = new Map();
        if (member != wire)
        {
            node.Add(new("name", member));
        }

        var description = Text(schema, "description");
        var full = Text(schema, "x-fullDescription");
        var (summary, remarks) = DocText.Split(description, full);
        var where = context.Operation + "." + member;
        switch (EnumRules.Classify(schema))
        {
            case EnumRules.Shape.JsonKeys:
                node.Add(new("type", "string"));
                (summary, remarks) = EnumRules.JsonKeysDocs(description, full);
                context.Report.Add(EnumRules.JsonKeys, where);
                break;
            case EnumRules.Shape.CommaJoined when parameter:
                node.Add(new("type", "array"));
                var items = new Map();
                AddType(context, items, schema, member, typeScope, requestSide, itemSuffix: string.Empty);
                node.Add(new("items", items));
                context.Report.Add(EnumRules.CommaJoined, where);
                break;
            case EnumRules.Shape.CommaJoined:
                node.Add(new("type", "string"));
                context.Report.Add(EnumRules.CommaJoinedString, where);
                break;
            default:
                AddType(context, node, schema, member, typeScope, requestSide, itemSuffix: string.Empty);
                break;
        }

        node.Add(new("description", summary));
        node.Add(new("remarks", remarks));

        node.Add(new("example", Text(schema, "example")));
        if (requestSide && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True)
        {
            node.Add(new("required", true));
        }

        return node;
    }

    /// <summary>Adds <c>type</c> (and <c>items</c>, <c>properties</c>, <c>additionalProperties</c>, <c>typeName</c>).</summary>
    private static void AddType(OperationContext context, Map node, JsonElement schema, string member, NameScope typeScope, bool requestSide, string itemSuffix)
    {
        var type = Text(schema, "type");
        var format = Text(schema, "format");
        if (schema.TryGetProperty("enum", out var values) && type is "string" or "integer" && context.AddEnum(member, type == "integer" ? (format == "int32" ? "int32" : "int64") : "string", values, schema) is { } enumName)
        {
            node.Add(new("type", enumName));
            return;
        }

        switch (type)
        {
            case "integer":
                node.Add(new("type", format == "int32" ? "int32" : "int64"));
                return;
            case "number":
                node.Add(new("type", "double"));
                return;
            case "boolean" or "string" or "any":
                node.Add(new("type", type));
                return;
            case "array":
                node.Add(new("type", "array"));
                var items = new Map();
                AddType(context, items, schema.GetProperty("items"), member, typeScope, requestSide, "Item");
                node.Add(new("items", items));
                return;
            case "object" when schema.TryGetProperty("additionalProperties", out var valueSchema) && !schema.TryGetProperty("properties", out _):
                node.Add(new("type", "map"));
                var value = new Map();
                AddType(context, value, valueSchema, member, typeScope, requestSide, "Value");
                node.Add(new("additionalProperties", value));
                return;
            case "object":
                node.Add(new("type", "object"));
                var typeName = typeScope.Unique(ObjectTypeName(member + itemSuffix, schema));
                node.Add(new("typeName", typeName));
                node.Add(new("properties", Members(context, schema, typeName, typeScope, requestSide)));
                return;
            default:
                node.Add(new("type", "any"));
                return;
        }
    }

    /// <summary>The class name for an inline object; not the name of one of its members, nor a reserved one.</summary>
    private static string ObjectTypeName(string candidate, JsonElement schema)
    {
        var memberNames = schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();
        return memberNames.Contains(candidate) || candidate == "Types" ? candidate + "Model" : candidate;
    }

    /// <summary>A member name the generator accepts: the wire name when it can be one, else a sanitized, unique one.</summary>
    private static string MemberName(string wire, string className, NameScope members)
    {
        var name = wire;
        if (!CSharpNames.IsValid(name) || CSharpNames.IsKeyword(name))
        {
            var pascal = GeneratedNames.EnumMember(wire);
            name = pascal.Length == 0 ? "Member" : pascal;
        }

        if (name == className || GeneratedNames.ReservedObjectMembers.Contains(name) || CSharpNames.IsKeyword(name))
        {
            name += "Value";
        }

        return members.Unique(name);
    }

    private static bool IsComplex(JsonElement schema) => Text(schema, "type") is "array" or "object";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Names already used in one scope; a repeat gets a number.</summary>
    private sealed class NameScope
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string Unique(string name)
        {
            var candidate = name;
            for (var i = 2; !_used.Add(candidate); i++)
            {
                candidate = name + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }

    /// <summary>The enums of one operation, named <c>{Operation}{Member}</c>.</summary>
    private sealed class OperationContext
    {
        private readonly string _operation;
        private readonly NameScope _names = new();

        public OperationContext(string operation, ImportReport report)
        {
            _operation = operation;
            Report = report;
        }

        public string Operation => _operation;

        public ImportReport Report { get; }

        public Map Enums { get; } = new();

        public string? AddEnum(string member, string underlying, JsonElement values, JsonElement schema)
        {
            var titles = schema.TryGetProperty("enumValueTitles", out var t) ? t : default;
            var full = schema.TryGetProperty("x-fullDescription", out var f) ? f.GetString() : null;
            var entries = new Map();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var memberNames = new NameScope();
            var enumName = _names.Unique(_operation + member);
            var where = _operation + "." + member;
            string? nullMeaning = null;
            foreach (var value in values.EnumerateArray().Select(v => v.ToString()).Where(v => v.Length > 0 && seen.Add(v)))
            {
                var meaning = titles.ValueKind == JsonValueKind.Object && titles.TryGetProperty(value, out var title) ? title.GetString() : null;
                if (EnumRules.IsNull(value))
                {
                    nullMeaning = meaning ?? string.Empty;
                    Report.Add(EnumRules.NullIsNoValue, where);
                    continue;
                }

                if (underlying != "string" && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    return null;
                }

                if (EnumRules.Meanings(full, value) is { Count: > 1 } meanings)
                {
                    meaning = EnumRules.Merge(meanings);
                    Report.Add(EnumRules.DuplicateValue, where + " " + value);
                }

                var pascal = GeneratedNames.EnumMember(value);
                var negative = EnumRules.NegativeNumberName(value);
                var natural = negative ?? (pascal.Length > 0 && CSharpNames.IsValid(pascal) && !CSharpNames.IsKeyword(pascal)
                    && !GeneratedNames.ReservedEnumMembers.Contains(pascal) && pascal != enumName ? pascal : "Value" + (seen.Count).ToString(CultureInfo.InvariantCulture));
                if (negative is not null)
                {
                    Report.Add(EnumRules.NegativeName, where + " " + value + " -> " + negative);
                }

                var name = memberNames.Unique(natural);
                entries.Add(new(value, name == pascal ? meaning ?? string.Empty : (object)new Map { new("name", name), new("description", meaning) }));
            }

            if (entries.Count == 0)
            {
                return null;
            }

            var description = $"The documented values of {_operation} {member}.";
            Enums.Add(new(enumName, new Map
            {
                new("type", underlying == "string" ? null : underlying),
                new("description", nullMeaning is null ? description : $"{description} No value (null) means: {nullMeaning}"),
                new("values", entries),
            }));
            return enumName;
        }
    }
}
