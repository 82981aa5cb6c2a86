using System.Globalization;
using System.Text;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Emits the JSON reading and writing code for generated types: Utf8JsonReader/Utf8JsonWriter calls, no
/// reflection, so the output is trim- and NativeAOT-safe. The System.Text.Json source generator cannot see
/// types another generator produces, which is why this exists.
/// </summary>
internal static class JsonEmitter
{
    /// <summary>
    /// The methods of DmsJsonReader that generated code calls by simple name (<c>using static</c>), unless a
    /// member or type of the file has one of these names (<see cref="EmitContext.Reader"/>).
    /// </summary>
    public static readonly string[] ReaderMethods =
    {
        "Advance", "ExpectStartObject", "IsProperty", "NotNull", "NotNullValue", "ReadAny", "ReadArray",
        "ReadBoolean", "ReadDouble", "ReadInt32", "ReadInt64", "ReadItem", "ReadMap", "ReadObject", "ReadString",
        "ArrayReader", "MapReader",
    };

    /// <summary>Lines longer than this put the member's statement on a line of its own.</summary>
    private const int LineLength = 120;

    // root: the root class the type is nested in (or is), for type spellings.
    public static void EmitReadJson(SourceWriter w, EmitContext context, ObjectModel model, string name, string root)
    {
        var json = context.Reader;
        w.Line("/// <summary>Reads a value from JSON; members the spec does not describe are kept in <see cref=\"AdditionalProperties\"/>.</summary>");
        w.Open($"public static {name} ReadJson(ref {KnownTypes.Utf8JsonReader} reader)");
        w.Line($"{json}ExpectStartObject(ref reader, {Literal(model.Name)});");
        w.Line($"var result = new {name}();");
        w.Line($"var additional = new {KnownTypes.AdditionalMembers}();");
        w.Open($"while ({json}Advance(ref reader) != {KnownTypes.JsonTokenType}.EndObject)");
        var keyword = "if";
        foreach (var property in model.Properties)
        {
            w.Statement(LineLength, $"{keyword} ({json}IsProperty(ref reader, {Utf8Literal(property.WireName)}))", $"result.{property.Name} = {ReadExpression(context, property.Type, root)};");
            keyword = "else if";
        }

        if (model.Properties.IsEmpty)
        {
            w.Line("additional.Read(ref reader);");
        }
        else
        {
            w.Statement(LineLength, $"else", $"additional.Read(ref reader);");
        }
        w.Close();
        w.Line();
        w.Line("result.AdditionalProperties = additional.ToDictionary();");
        w.Line("return result;");
        w.Close();
    }

    public static void EmitWriteJson(SourceWriter w, EmitContext context, ObjectModel model, ObjectMode mode, string root)
    {
        w.Line("/// <summary>Writes this value as a JSON object; unset members are left out.</summary>");
        w.Open($"public void WriteJson({KnownTypes.Utf8JsonWriter} writer)");
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(writer);");
        w.Line("writer.WriteStartObject();");
        // Members are named plainly unless one would be hidden by the method's parameter.
        var self = System.Linq.Enumerable.Any(model.Properties, p => p.Name == "writer") ? "this." : string.Empty;
        foreach (var property in model.Properties)
        {
            // One line per member: the runtime's WriteMember overloads leave out an unset (null) member.
            var wire = Utf8Literal(property.WireName);
            var value = self + property.Name;
            var type = property.Type;
            // A required member of a request is declared non-nullable (see ObjectEmitter.EmitProperties).
            var access = mode == ObjectMode.Request && property.Required ? ".Value" : "?.Value";
            switch (type.Kind)
            {
                case TypeRefKind.Enum:
                    w.Line($"writer.WriteMember({wire}, {value}{access}, numeric: {(type.NumericEnum ? "true" : "false")});");
                    break;
                case TypeRefKind.Array or TypeRefKind.Map:
                    w.Line($"writer.WriteMember({wire}, {value}, {context.Helpers.ValueWriter(type)});");
                    break;
                default:
                    w.Line($"writer.WriteMember({wire}, {value});");
                    break;
            }
        }

        if (mode != ObjectMode.Request)
        {
            w.Line($"{KnownTypes.JsonWriter}.WriteAdditional(writer, this.AdditionalProperties);");
        }

        w.Line("writer.WriteEndObject();");
        w.Close();
    }

    /// <summary>An expression reading one possibly-null value of <paramref name="type"/>.</summary>
    public static string ReadExpression(EmitContext context, TypeRef type, string root)
    {
        var json = context.Reader;
        return type.Kind switch
        {
            TypeRefKind.String => $"{json}ReadString(ref reader)",
            TypeRefKind.Int32 => $"{json}ReadInt32(ref reader)",
            TypeRefKind.Int64 => $"{json}ReadInt64(ref reader)",
            TypeRefKind.Double => $"{json}ReadDouble(ref reader)",
            TypeRefKind.Boolean => $"{json}ReadBoolean(ref reader)",
            TypeRefKind.Any => $"{json}ReadAny(ref reader)",
            TypeRefKind.Array => $"{json}ReadArray(ref reader, {context.Helpers.ItemReader(type.Element!)})",
            TypeRefKind.Map => $"{json}ReadMap(ref reader, {context.Helpers.ItemReader(type.Element!)})",
            // (T?)null: a bare null would convert through the enum's implicit operator from string.
            TypeRefKind.Enum => $"{json}ReadString(ref reader) is {{ }} text ? new {context.TypeName(type, root)}(text) : ({context.TypeName(type, root)}?)null",
            _ => $"{json}ReadObject<{context.TypeName(type, root)}>(ref reader)",
        };
    }

    /// <summary>Statements writing <c>value</c>, a non-null value of <paramref name="type"/>, to <c>writer</c>.</summary>
    public static void EmitWriteValue(SourceWriter w, TypeRef type)
    {
        switch (type.Kind)
        {
            case TypeRefKind.Array:
                w.Line("writer.WriteStartArray();");
                w.Open("foreach (var item0 in value)");
                w.Line(WriteStatement(type.Element!, "item0"));
                w.Close();
                w.Line("writer.WriteEndArray();");
                return;
            case TypeRefKind.Map:
                w.Line("writer.WriteStartObject();");
                w.Open("foreach (var pair0 in value)");
                w.Line($"{KnownTypes.JsonWriter}.WritePropertyName(writer, pair0.Key);");
                w.Line(WriteStatement(type.Element!, "pair0.Value"));
                w.Close();
                w.Line("writer.WriteEndObject();");
                return;
            default:
                w.Line(WriteStatement(type, "value"));
                return;
        }
    }

    /// <summary>The statement writing <paramref name="value"/>, one non-null value that is not an array or map.</summary>
    private static string WriteStatement(TypeRef type, string value) => type.Kind switch
    {
        // Through the runtime, which refuses a lone surrogate that Utf8JsonWriter would turn into U+FFFD.
        TypeRefKind.String => $"{KnownTypes.JsonWriter}.WriteStringValue(writer, {value});",
        TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Double => $"writer.WriteNumberValue({value});",
        TypeRefKind.Boolean => $"writer.WriteBooleanValue({value});",
        TypeRefKind.Any => $"{value}.WriteTo(writer);",
        TypeRefKind.Enum => $"{KnownTypes.JsonWriter}.WriteEnumValue(writer, {value}.Value, numeric: {(type.NumericEnum ? "true" : "false")});",
        _ => $"{value}.WriteJson(writer);",
    };

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text) => Literal(text, string.Empty);

    /// <summary>A UTF-8 literal, so property names are matched without allocating.</summary>
    public static string Utf8Literal(string text) => Literal(text, "u8");

    private static string Literal(string text, string suffix)
    {
        if (!NeedsEscape(text))
        {
            return string.Concat("\"", text, "\"", suffix);
        }

        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var character in text)
        {
            switch (character)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(character) || char.IsSurrogate(character) || character is '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(character);
                    }

                    break;
            }
        }

        return builder.Append('"').Append(suffix).ToString();
    }

    // Wire names and messages are plain text: most literals are the text in quotes.
    private static bool NeedsEscape(string text)
    {
        foreach (var character in text)
        {
            if (character is '"' or '\\' || character < ' ' || character >= '\u007F')
            {
                return true;
            }
        }

        return false;
    }
}
