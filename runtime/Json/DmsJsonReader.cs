using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Dms.Codegen.Json;

/// <summary>
/// Tolerant readers that generated <c>ReadJson</c> methods call for each property. They accept what DMS is
/// known to send besides the documented type (numbers as strings, strings holding numbers, <c>null</c>) and
/// throw <see cref="JsonException"/> naming the expected type for anything else, so nothing is silently lost.
/// Each reader starts on the value's first token and leaves the reader on its last token.
/// </summary>
public static class DmsJsonReader
{
    /// <summary>Reads one array item or map value.</summary>
    public delegate T ItemReader<out T>(ref Utf8JsonReader reader);

    /// <summary>Throws unless the reader is on <see cref="JsonTokenType.StartObject"/>.</summary>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeName} but found {reader.TokenType}.");
        }
    }

    /// <summary>Reads a string; numbers and booleans are kept as their JSON text.</summary>
    public static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw Unexpected(ref reader, "a string"),
    };

    /// <summary>Reads a 64-bit integer from a number or a numeric string; an empty string is <see langword="null"/>.</summary>
    public static long? ReadInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
        }

        throw Unexpected(ref reader, "a 64-bit integer");
    }

    /// <summary>Reads a 32-bit integer from a number or a numeric string; an empty string is <see langword="null"/>.</summary>
    public static int? ReadInt32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                return number;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
        }

        throw Unexpected(ref reader, "a 32-bit integer");
    }

    /// <summary>
    /// Reads a number from a number or a numeric string; an empty string is <see langword="null"/>. A value
    /// outside double's finite range (<c>1e400</c>) is an error, as a 32- or 64-bit integer out of range is.
    /// </summary>
    public static double? ReadDouble(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            // TryGetDouble reads 1e400 as Infinity.
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                return number;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                // As for JSON numbers (TryGetDouble): a value beyond double's range, NaN or Infinity is an error, not Infinity.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                {
                    return parsed;
                }

                break;
        }

        throw Unexpected(ref reader, "a number");
    }

    /// <summary>Reads a boolean from <c>true</c>/<c>false</c>, their string forms (any case), or 0/1.</summary>
    public static bool? ReadBoolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number when reader.TryGetInt32(out var number) && (number is 0 or 1):
                return number == 1;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                if (bool.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                break;
        }

        throw Unexpected(ref reader, "a boolean");
    }

    /// <summary>An array item or map value that must not be JSON <c>null</c>.</summary>
    public static T NotNull<T>(T? value) where T : class =>
        value ?? throw new JsonException($"null is not allowed as an item of a list or map of {typeof(T).Name}.");

    /// <summary>An array item or map value that must not be JSON <c>null</c>.</summary>
    public static T NotNullValue<T>(T? value) where T : struct =>
        value ?? throw new JsonException($"null is not allowed as an item of a list or map of {typeof(T).Name}.");

    /// <summary>
    /// Whether the reader is on the property <paramref name="name"/>; if so, moves to its value. Generated
    /// readers match each member with one call.
    /// </summary>
    public static bool IsProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueTextEquals(name))
        {
            return false;
        }

        Advance(ref reader);
        return true;
    }

    /// <summary>Reads a generated object; <c>null</c> gives <see langword="null"/>.</summary>
    public static T? ReadObject<T>(ref Utf8JsonReader reader) where T : class, IDmsJsonModel<T> =>
        reader.TokenType == JsonTokenType.Null ? null : T.ReadJson(ref reader);

    /// <summary>Reads a generated object that is an array item or map value (never <c>null</c>).</summary>
    public static T ReadItem<T>(ref Utf8JsonReader reader) where T : IDmsJsonModel<T> => T.ReadJson(ref reader);

    /// <summary>Reads any JSON value, kept as an element that owns its memory.</summary>
    public static JsonElement ReadAny(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>Reads an array; <c>null</c> gives <see langword="null"/>.</summary>
    public static IReadOnlyList<T>? ReadArray<T>(ref Utf8JsonReader reader, ItemReader<T> readItem)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "an array");
        }

        var items = new List<T>();
        while (Advance(ref reader) != JsonTokenType.EndArray)
        {
            items.Add(readItem(ref reader));
        }

        return items;
    }

    /// <summary>
    /// A reader of arrays that are themselves items (never <c>null</c>). Generated code composes readers of
    /// nested arrays and maps from these once, so its size does not grow with the square of the depth.
    /// </summary>
    public static ItemReader<IReadOnlyList<T>> ArrayReader<T>(ItemReader<T> readItem)
    {
        ArgumentNullException.ThrowIfNull(readItem);
        return (ref Utf8JsonReader reader) => NotNull(ReadArray(ref reader, readItem));
    }

    /// <summary>A reader of maps that are themselves items (never <c>null</c>); see <see cref="ArrayReader{T}"/>.</summary>
    public static ItemReader<IReadOnlyDictionary<string, T>> MapReader<T>(ItemReader<T> readValue)
    {
        ArgumentNullException.ThrowIfNull(readValue);
        return (ref Utf8JsonReader reader) => NotNull(ReadMap(ref reader, readValue));
    }

    /// <summary>Reads an object of free-form keys; <c>null</c> gives <see langword="null"/>.</summary>
    public static IReadOnlyDictionary<string, T>? ReadMap<T>(ref Utf8JsonReader reader, ItemReader<T> readValue)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object");
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (Advance(ref reader) != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            Advance(ref reader);
            map[key] = readValue(ref reader);
        }

        return map;
    }

    /// <summary>
    /// Moves to the next token of an object being read and returns its type; used by generated readers so that
    /// a truncated document fails with a clear message instead of looping.
    /// </summary>
    public static JsonTokenType Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON document ended too early.");
        }

        return reader.TokenType;
    }

    private static string RawText(ref Utf8JsonReader reader)
    {
        var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        return System.Text.Encoding.UTF8.GetString(span);
    }

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected)
    {
        var found = reader.TokenType is JsonTokenType.String or JsonTokenType.Number
            ? $"{reader.TokenType} '{Truncate(reader.TokenType == JsonTokenType.String ? reader.GetString() : RawText(ref reader))}'"
            : reader.TokenType.ToString();
        return new JsonException($"Expected {expected} but found {found}.");
    }

    private static string? Truncate(string? text) => text is { Length: > 64 } ? text.Substring(0, 64) + "…" : text;
}
