using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Dms.Codegen.Json;

/// <summary>
/// Writers shared by generated <c>WriteJson</c> methods. The <c>WriteMember</c> extensions write one member
/// and leave out an unset (null) one, so a generated member write is one short line.
/// </summary>
public static class DmsJsonWriter
{
    /// <summary>Writes a string member; null writes nothing.</summary>
    /// <exception cref="ArgumentException">The value has a lone surrogate (see <see cref="WriteStringValue"/>).</exception>
    public static void WriteMember(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            if (DmsUtf16.LoneSurrogate(value) is var index and >= 0)
            {
                throw Refused($"The JSON member '{System.Text.Encoding.UTF8.GetString(name)}'", index);
            }

            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// Writes a string value. Utf8JsonWriter would write a lone surrogate as U+FFFD, so the server would get
    /// other text than was set; such a value throws instead, before anything is sent.
    /// </summary>
    /// <exception cref="ArgumentException">The value has a lone surrogate.</exception>
    public static void WriteStringValue(Utf8JsonWriter writer, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfLoneSurrogate("A JSON string value", value);
        writer.WriteStringValue(value);
    }

    /// <summary>Writes a map key as a property name; a key with a lone surrogate throws, as in <see cref="WriteStringValue"/>.</summary>
    /// <exception cref="ArgumentException">The key has a lone surrogate.</exception>
    public static void WritePropertyName(Utf8JsonWriter writer, string name)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfLoneSurrogate("A JSON map key", name);
        writer.WritePropertyName(name);
    }

    private static void ThrowIfLoneSurrogate(string what, string value)
    {
        if (DmsUtf16.LoneSurrogate(value) is var index and >= 0)
        {
            throw Refused(what, index);
        }
    }

    private static ArgumentException Refused(string what, int index) => new(DmsUtf16.Problem(what, index), "value");

    /// <summary>Writes an integer member; null writes nothing.</summary>
    public static void WriteMember(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes an integer member; null writes nothing.</summary>
    public static void WriteMember(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a number member; null writes nothing.</summary>
    public static void WriteMember(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a boolean member; null writes nothing.</summary>
    public static void WriteMember(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    /// <summary>Writes a member holding any JSON value; null writes nothing.</summary>
    public static void WriteMember(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }

    /// <summary>Writes an enum member by its raw value (<paramref name="numeric"/>: as a number when it is one); null writes nothing.</summary>
    public static void WriteMember(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value, bool numeric)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            WriteEnumValue(writer, value, numeric);
        }
    }

    /// <summary>Writes a generated object member; null writes nothing.</summary>
    public static void WriteMember<T>(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value)
        where T : class, IDmsJsonWritable
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            value.WriteJson(writer);
        }
    }

    /// <summary>Writes a list or map member with <paramref name="write"/> (a generated helper); null writes nothing.</summary>
    public static void WriteMember<T>(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, T? value, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(write);
        if (value is not null)
        {
            writer.WritePropertyName(name);
            write(writer, value);
        }
    }

    /// <summary>
    /// A writer of arrays whose items <paramref name="writeItem"/> writes. Generated code composes writers of
    /// nested arrays and maps from these once, so its size does not grow with the square of the depth.
    /// </summary>
    public static Action<Utf8JsonWriter, IReadOnlyList<T>> ArrayWriter<T>(Action<Utf8JsonWriter, T> writeItem)
    {
        ArgumentNullException.ThrowIfNull(writeItem);
        return (writer, value) =>
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                writeItem(writer, item);
            }

            writer.WriteEndArray();
        };
    }

    /// <summary>A writer of maps whose values <paramref name="writeValue"/> writes; see <see cref="ArrayWriter{T}"/>.</summary>
    public static Action<Utf8JsonWriter, IReadOnlyDictionary<string, T>> MapWriter<T>(Action<Utf8JsonWriter, T> writeValue)
    {
        ArgumentNullException.ThrowIfNull(writeValue);
        return (writer, value) =>
        {
            writer.WriteStartObject();
            foreach (var pair in value)
            {
                WritePropertyName(writer, pair.Key);
                writeValue(writer, pair.Value);
            }

            writer.WriteEndObject();
        };
    }

    /// <summary>Writes an enum's raw value; a numeric enum is written as a number when its value is one.</summary>
    public static void WriteEnumValue(Utf8JsonWriter writer, string value, bool numeric)
    {
        if (numeric && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            WriteStringValue(writer, value);
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
            WritePropertyName(writer, pair.Key);
            // As sent: WriteTo unescapes strings and so throws on an escaped lone surrogate, which JSON allows.
            writer.WriteRawValue(pair.Value.GetRawText(), skipInputValidation: true);
        }
    }
}
