using System;
using System.Buffers;
using System.Text;

namespace Dms.Codegen.Signing;

/// <summary>
/// RFC 3986 percent-encoding as Alibaba Cloud signs it: <c>A–Z a–z 0–9 - _ . ~</c> stay as they are, every
/// other UTF-8 byte becomes <c>%XY</c> with upper-case hex (so a space is <c>%20</c>, never <c>+</c>).
/// </summary>
public static class PercentEncoder
{
    private const string Hex = "0123456789ABCDEF";

    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static readonly SearchValues<char> Unreserved = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    /// <summary>Encodes <paramref name="value"/>; returns the same instance when nothing needs encoding.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = FirstReserved(value);
        if (first < 0)
        {
            return value;
        }

        // One builder per thread (encoding is synchronous and never nested): only the encoded string is allocated.
        var builder = t_builder ??= new StringBuilder(256);
        builder.Clear();
        Append(builder, value);
        var encoded = builder.ToString();
        if (builder.Capacity > 4096)
        {
            t_builder = null; // a huge value's buffer is not kept
        }

        return encoded;
    }

    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="builder"/> (no intermediate string).</summary>
    internal static void Append(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        var first = FirstReserved(value);
        if (first < 0)
        {
            builder.Append(value);
            return;
        }

        builder.Append(value.AsSpan(0, first));
        var rest = value.AsSpan(first);
        var max = Encoding.UTF8.GetMaxByteCount(rest.Length);
        byte[]? rented = null;
        Span<byte> bytes = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(rest, bytes);
            foreach (var b in bytes[..length])
            {
                if (IsUnreserved((char)b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Vectorised: names and values are nearly always unreserved through and through.
    private static int FirstReserved(string value) => value.AsSpan().IndexOfAnyExcept(Unreserved);

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
