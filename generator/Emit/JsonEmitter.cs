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
    public static void EmitReadJson(SourceWriter w, EmitContext context, ObjectModel model, string qualifiedName)
    {
        w.Line("/// <summary>Reads a value from JSON; members the spec does not describe are kept in <see cref=\"AdditionalProperties\"/>.</summary>");
        w.Open($"public static {qualifiedName} ReadJson(ref {KnownTypes.Utf8JsonReader} reader)");
        w.Line($"{KnownTypes.JsonReader}.ExpectStartObject(ref reader, \"{model.Name}\");");
        w.Line($"var result = new {qualifiedName}();");
        w.Line($"{KnownTypes.Dictionary}<string, {KnownTypes.JsonElement}>? additional = null;");
        w.Open($"while ({KnownTypes.JsonReader}.Advance(ref reader) != {KnownTypes.JsonTokenType}.EndObject)");
        var first = true;
        foreach (var property in model.Properties)
        {
            w.Open($"{(first ? "if" : "else if")} (reader.ValueTextEquals({Utf8Literal(property.WireName)}))");
            w.Line($"{KnownTypes.JsonReader}.Advance(ref reader);");
            w.Line($"result.{property.Name} = {ReadExpression(context, property.Type, "reader", 0, element: false)};");
            w.Close();
            first = false;
        }

        if (first)
        {
            w.Line($"{KnownTypes.JsonReader}.ReadAdditional(ref reader, ref additional);");
        }
        else
        {
            w.Open("else");
            w.Line($"{KnownTypes.JsonReader}.ReadAdditional(ref reader, ref additional);");
            w.Close();
        }

        w.Close();
        w.Line("result.AdditionalProperties = additional;");
        w.Line("return result;");
        w.Close();
    }

    public static void EmitWriteJson(SourceWriter w, EmitContext context, ObjectModel model, bool withAdditional)
    {
        w.Line("/// <summary>Writes this value as a JSON object; unset members are left out.</summary>");
        w.Open($"public void WriteJson({KnownTypes.Utf8JsonWriter} writer)");
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(writer);");
        w.Line("writer.WriteStartObject();");
        var index = 0;
        foreach (var property in model.Properties)
        {
            // Pattern variables of an if condition share the method's scope, hence one name per member.
            var value = "value" + index++.ToString(CultureInfo.InvariantCulture);
            w.Open($"if (this.{property.Name} is {{ }} {value})");
            w.Line($"writer.WritePropertyName({Utf8Literal(property.WireName)});");
            EmitWriteValue(w, context, property.Type, value, "writer", 1);
            w.Close();
        }

        if (withAdditional)
        {
            w.Line($"{KnownTypes.JsonWriter}.WriteAdditional(writer, this.AdditionalProperties);");
        }

        w.Line("writer.WriteEndObject();");
        w.Close();
    }

    /// <summary>An expression reading one value of <paramref name="type"/>; an <paramref name="element"/> (list item or map value) may not be null.</summary>
    public static string ReadExpression(EmitContext context, TypeRef type, string reader, int depth, bool element)
    {
        var json = KnownTypes.JsonReader;
        switch (type.Kind)
        {
            case TypeRefKind.String:
                return Required(element, false, $"{json}.ReadString(ref {reader})");
            case TypeRefKind.Int32:
                return Required(element, true, $"{json}.ReadInt32(ref {reader})");
            case TypeRefKind.Int64:
                return Required(element, true, $"{json}.ReadInt64(ref {reader})");
            case TypeRefKind.Double:
                return Required(element, true, $"{json}.ReadDouble(ref {reader})");
            case TypeRefKind.Boolean:
                return Required(element, true, $"{json}.ReadBoolean(ref {reader})");
            case TypeRefKind.Any:
                return $"{json}.ReadAny(ref {reader})";
            case TypeRefKind.Array:
            case TypeRefKind.Map:
                var inner = "r" + (depth + 1).ToString(CultureInfo.InvariantCulture);
                var method = type.Kind == TypeRefKind.Array ? "ReadArray" : "ReadMap";
                var itemRead = ReadExpression(context, type.Element!, inner, depth + 1, element: true);
                return Required(element, false, $"{json}.{method}(ref {reader}, static (ref {KnownTypes.Utf8JsonReader} {inner}) => {itemRead})");
        }

        var typeName = context.TypeName(type);
        if (type.Kind == TypeRefKind.Enum)
        {
            var text = $"{json}.ReadString(ref {reader})";
            var variable = "s" + depth.ToString(CultureInfo.InvariantCulture);
            return element
                ? $"new {typeName}({json}.NotNull({text}))"
                : $"{text} is {{ }} {variable} ? new {typeName}({variable}) : ({typeName}?)null";
        }

        return element
            ? $"{typeName}.ReadJson(ref {reader})"
            : $"{reader}.TokenType == {KnownTypes.JsonTokenType}.Null ? null : {typeName}.ReadJson(ref {reader})";
    }

    /// <summary>Statements writing <paramref name="value"/>, a non-null value of <paramref name="type"/>.</summary>
    public static void EmitWriteValue(SourceWriter w, EmitContext context, TypeRef type, string value, string writer, int depth)
    {
        var suffix = depth.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case TypeRefKind.String:
                w.Line($"{writer}.WriteStringValue({value});");
                return;
            case TypeRefKind.Int32:
            case TypeRefKind.Int64:
            case TypeRefKind.Double:
                w.Line($"{writer}.WriteNumberValue({value});");
                return;
            case TypeRefKind.Boolean:
                w.Line($"{writer}.WriteBooleanValue({value});");
                return;
            case TypeRefKind.Any:
                w.Line($"{value}.WriteTo({writer});");
                return;
            case TypeRefKind.Array:
                w.Line($"{writer}.WriteStartArray();");
                w.Open($"foreach (var item{suffix} in {value})");
                EmitWriteValue(w, context, type.Element!, "item" + suffix, writer, depth + 1);
                w.Close();
                w.Line($"{writer}.WriteEndArray();");
                return;
            case TypeRefKind.Map:
                w.Line($"{writer}.WriteStartObject();");
                w.Open($"foreach (var pair{suffix} in {value})");
                w.Line($"{writer}.WritePropertyName(pair{suffix}.Key);");
                EmitWriteValue(w, context, type.Element!, $"pair{suffix}.Value", writer, depth + 1);
                w.Close();
                w.Line($"{writer}.WriteEndObject();");
                return;
        }

        if (type.Kind == TypeRefKind.Enum)
        {
            w.Line($"{KnownTypes.JsonWriter}.WriteEnumValue({writer}, {value}.Value, numeric: {(type.NumericEnum ? "true" : "false")});");
        }
        else
        {
            w.Line($"{value}.WriteJson({writer});");
        }
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text)
    {
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

        return builder.Append('"').ToString();
    }

    /// <summary>A UTF-8 literal, so property names are matched without allocating.</summary>
    public static string Utf8Literal(string text) => Literal(text) + "u8";

    private static string Required(bool element, bool valueType, string expression) =>
        !element ? expression : $"{KnownTypes.JsonReader}.{(valueType ? "NotNullValue" : "NotNull")}({expression})";
}
