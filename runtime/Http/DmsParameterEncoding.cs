using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dms.Codegen.Http;

/// <summary>
/// Turns typed parameter values into the text Alibaba Cloud's RPC endpoints expect, one method per encoding
/// a spec can name: scalars (invariant culture, <c>true</c>/<c>false</c>), <c>json</c>, <c>simple</c>
/// (comma-joined) and <c>flat</c>/<c>repeatList</c> (<c>Name.1.Key=value</c>).
/// </summary>
public static class DmsParameterEncoding
{
    /// <summary>Writes one value as JSON.</summary>
    public delegate void JsonValueWriter<in T>(Utf8JsonWriter writer, T value);

    /// <summary>Formats a string (as is).</summary>
    public static string? Format(string? value) => value;

    /// <summary>Formats an integer with the invariant culture.</summary>
    public static string? Format(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an integer with the invariant culture.</summary>
    public static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the invariant culture, round-trippable.</summary>
    public static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a boolean as <c>true</c> or <c>false</c> (lower case, as JSON and the Go SDK do).</summary>
    public static string? Format(bool? value) => value is null ? null : value.Value ? "true" : "false";

    /// <summary>The <c>json</c> style: the whole value as one compact JSON text.</summary>
    public static string? Json<T>(T? value, JsonValueWriter<T> write)
    {
        if (value is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The <c>simple</c> style: the formatted items joined with commas.</summary>
    public static string? Simple<T>(IReadOnlyList<T>? values, Func<T, string?> format)
    {
        if (values is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(format(values[i]));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The <c>flat</c> and <c>repeatList</c> styles: arrays become <c>Name.1</c>, <c>Name.2</c> (1-based) and
    /// object members <c>Name.Key</c>, recursively. The value is written as JSON first, so that one walk
    /// serves every generated type.
    /// </summary>
    public static void AddFlat<T>(DmsRequest request, DmsParameterLocation location, string name, T? value, JsonValueWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = Json(value, write);
        if (json is null)
        {
            return;
        }

        using var document = JsonDocument.Parse(json);
        AddFlat(request, location, name, document.RootElement);
    }

    /// <summary>The <c>flat</c> and <c>repeatList</c> styles, placed where the parameter's descriptor says.</summary>
    public static void AddFlat<T>(DmsRequest request, DmsParameterDescriptor parameter, T? value, JsonValueWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        AddFlat(request, parameter.Location, parameter.Name, value, write);
    }

    private static void AddFlat(DmsRequest request, DmsParameterLocation location, string prefix, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                var index = 1;
                foreach (var item in element.EnumerateArray())
                {
                    AddFlat(request, location, prefix + "." + index.ToString(CultureInfo.InvariantCulture), item);
                    index++;
                }

                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    AddFlat(request, location, prefix + "." + member.Name, member.Value);
                }

                break;
            case JsonValueKind.String:
                request.Add(location, prefix, element.GetString());
                break;
            case JsonValueKind.True:
                request.Add(location, prefix, "true");
                break;
            case JsonValueKind.False:
                request.Add(location, prefix, "false");
                break;
            case JsonValueKind.Number:
                request.Add(location, prefix, element.GetRawText());
                break;
            default:
                // JSON null: the member is not set.
                break;
        }
    }
}
