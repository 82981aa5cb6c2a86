using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Dms.Codegen.Json;

/// <summary>
/// Collects, for a generated <c>ReadJson</c>, the members of one JSON object that the spec does not describe:
/// their text, as sent, goes into one small JSON object that is parsed once at the end. One parsed copy per
/// object instead of one <see cref="JsonDocument"/> per member, which made a body of many small unknown
/// members take 20 times its size in memory.
/// </summary>
public ref struct DmsAdditionalMembers
{
    private ArrayBufferWriter<byte>? _text; // "{" and the members so far, comma-separated

    /// <summary>Copies the member whose name the reader is on and moves past its value.</summary>
    public void Read(ref Utf8JsonReader reader)
    {
        // A name that is not Unicode (invalid UTF-8, an escaped lone surrogate) fails here, inside the call
        // that read it, rather than when the caller first looks the member up.
        if (reader.ValueIsEscaped || reader.HasValueSequence || !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            _ = reader.GetString();
        }

        var text = _text ??= new ArrayBufferWriter<byte>(256);
        Append(text, text.WrittenCount == 0 ? "{"u8 : ","u8);
        AppendValue(text, ref reader); // the name, as "name":
        DmsJsonReader.Advance(ref reader);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            AppendContainer(text, ref reader);
        }
        else
        {
            AppendValue(text, ref reader);
        }
    }

    /// <summary>The members copied, or <see langword="null"/> when there were none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ToDictionary()
    {
        if (_text is not { } text)
        {
            return null;
        }

        _text = null;
        Append(text, "}"u8);
        var reader = new Utf8JsonReader(text.WrittenSpan);
        reader.Read();
        return new DmsUnknownMembers(JsonElement.ParseValue(ref reader));
    }

    // The reader holds no container's text, so its tokens are copied one by one (the spacing is not kept).
    private static void AppendContainer(ArrayBufferWriter<byte> text, ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var comma = false; // whether the next item or member needs one
        while (true)
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                Append(text, token == JsonTokenType.EndObject ? "}"u8 : "]"u8);
                if (reader.CurrentDepth == depth)
                {
                    return;
                }

                comma = true;
            }
            else
            {
                Append(text, comma ? ","u8 : default);
                comma = token is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName);
                AppendValue(text, ref reader);
            }

            DmsJsonReader.Advance(ref reader);
        }
    }

    private static void AppendValue(ArrayBufferWriter<byte> text, ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                Append(text, "{"u8);
                break;
            case JsonTokenType.StartArray:
                Append(text, "["u8);
                break;
            case JsonTokenType.String or JsonTokenType.PropertyName:
                Append(text, "\""u8);
                AppendToken(text, ref reader);
                Append(text, reader.TokenType == JsonTokenType.String ? "\""u8 : "\":"u8);
                break;
            default:
                AppendToken(text, ref reader);
                break;
        }
    }

    private static void AppendToken(ArrayBufferWriter<byte> text, ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence)
        {
            foreach (var segment in reader.ValueSequence)
            {
                Append(text, segment.Span);
            }
        }
        else
        {
            Append(text, reader.ValueSpan);
        }
    }

    private static void Append(ArrayBufferWriter<byte> text, ReadOnlySpan<byte> bytes) => text.Write(bytes);
}
