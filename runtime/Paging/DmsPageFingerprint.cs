using System;
using System.Buffers;
using System.Text.Json;
using Dms.Codegen.Json;

namespace Dms.Codegen.Paging;

/// <summary>
/// A page as JSON without its top-level <c>RequestId</c> (which differs on every call): two equal fingerprints
/// in a row mean the server ignored the page parameter and would repeat the page forever.
/// </summary>
internal static class DmsPageFingerprint
{
    public static byte[] Of(IDmsJsonWritable page)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            page.WriteJson(writer);
        }

        var json = buffer.WrittenSpan;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return json.ToArray();
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var start = (int)reader.TokenStartIndex;
            var isRequestId = reader.ValueTextEquals("RequestId"u8);
            reader.Read();
            reader.Skip();
            if (isRequestId)
            {
                var end = (int)reader.BytesConsumed;
                var result = new byte[json.Length - (end - start)];
                json[..start].CopyTo(result);
                json[end..].CopyTo(result.AsSpan(start));
                return result;
            }
        }

        return json.ToArray();
    }
}
