using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Dms.Codegen.Json;

/// <summary>Writers shared by generated <c>WriteJson</c> methods.</summary>
public static class DmsJsonWriter
{
    /// <summary>Writes an enum's raw value; a numeric enum is written as a number when its value is one.</summary>
    public static void WriteEnumValue(Utf8JsonWriter writer, string value, bool numeric)
    {
        if (numeric && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>Writes back the members a generated reader kept because the spec does not describe them.</summary>
    public static void WriteAdditional(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? additional)
    {
        if (additional is null)
        {
            return;
        }

        foreach (var pair in additional)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }
    }
}
