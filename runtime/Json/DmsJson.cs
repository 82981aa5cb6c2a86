using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dms.Codegen.Json;

/// <summary>Serializes and deserializes generated types with their generated code: no reflection, trim- and AOT-safe.</summary>
public static class DmsJson
{
    /// <summary>Reads a <typeparamref name="T"/> from UTF-8 JSON.</summary>
    /// <exception cref="JsonException">The JSON is malformed or does not have the expected shape.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) where T : IDmsJsonModel<T>
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read())
        {
            throw new JsonException("The JSON document is empty.");
        }

        var value = T.ReadJson(ref reader);
        if (reader.Read())
        {
            throw new JsonException($"Unexpected {reader.TokenType} after the end of the JSON value.");
        }

        return value;
    }

    /// <summary>Reads a <typeparamref name="T"/> from JSON text.</summary>
    public static T Deserialize<T>(string json) where T : IDmsJsonModel<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize<T>(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Writes <paramref name="value"/> as compact UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, bool indented = false) where T : IDmsJsonModel<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            value.WriteJson(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="value"/> as JSON text.</summary>
    public static string Serialize<T>(T value, bool indented = false) where T : IDmsJsonModel<T> =>
        Encoding.UTF8.GetString(SerializeToUtf8Bytes(value, indented));
}
