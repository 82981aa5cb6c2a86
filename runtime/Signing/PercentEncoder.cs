using System;
using System.Text;

namespace Dms.Codegen.Signing;

/// <summary>
/// RFC 3986 percent-encoding as Alibaba Cloud signs it: <c>A–Z a–z 0–9 - _ . ~</c> stay as they are, every
/// other UTF-8 byte becomes <c>%XY</c> with upper-case hex (so a space is <c>%20</c>, never <c>+</c>).
/// </summary>
public static class PercentEncoder
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>Encodes <paramref name="value"/>.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsUnreservedOnly(value))
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
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

        return builder.ToString();
    }

    private static bool IsUnreservedOnly(string value)
    {
        foreach (var c in value)
        {
            if (!IsUnreserved(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
