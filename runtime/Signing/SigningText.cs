using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Dms.Codegen.Signing;

/// <summary>
/// Helpers that keep signing allocation-light (it runs once per attempt): UTF-8 into stack or pooled buffers,
/// lower-case hex written once, parameters sorted in place without LINQ.
/// </summary>
internal static class SigningText
{
    public const int StackBytes = 512;

    // Builders are kept larger than this only once in a while; a kept one is reused by the next signing.
    private const int KeptBuilderChars = 4096;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static List<KeyValuePair<string, string>>? t_encoded;

    // Reset after every hash, so one per thread serves every signing; reusing it saves setting up a digest per use.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>
    /// An empty builder, this thread's spare one when it has one: signing builds its texts synchronously, so one
    /// per thread serves every attempt. Hand it back with <see cref="ToStringAndKeep"/>; nesting just makes a new one.
    /// </summary>
    public static StringBuilder Builder()
    {
        var builder = t_builder ?? new StringBuilder(1024);
        t_builder = null;
        return builder.Clear();
    }

    /// <summary>The builder's text; the builder is kept for the next <see cref="Builder"/> on this thread.</summary>
    public static string ToStringAndKeep(StringBuilder builder)
    {
        var text = builder.ToString();
        Keep(builder);
        return text;
    }

    /// <summary>SHA-256 of <paramref name="data"/> into <paramref name="hash"/>.</summary>
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(data);
        sha.TryGetHashAndReset(hash, out _);
    }

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/> into <paramref name="hash"/>.</summary>
    public static void Sha256(ReadOnlySpan<char> text, Span<byte> hash)
    {
        Span<byte> scratch = stackalloc byte[StackBytes];
        byte[]? rented = null;
        try
        {
            Sha256(Utf8(text, scratch, ref rented), hash);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>SHA-256 of the UTF-8 bytes of the builder's text; the builder is kept for the next <see cref="Builder"/> on this thread.</summary>
    public static void Sha256(StringBuilder builder, Span<byte> hash)
    {
        var chars = ArrayPool<char>.Shared.Rent(builder.Length);
        try
        {
            builder.CopyTo(0, chars, builder.Length);
            Sha256(chars.AsSpan(0, builder.Length), hash);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        Keep(builder);
    }

    /// <summary>The HMAC of the UTF-8 bytes of the builder's text (the text never becomes a string); the builder is kept.</summary>
    public static void Mac(SigningMac reused, string secret, StringBuilder builder, Span<byte> mac)
    {
        var chars = ArrayPool<char>.Shared.Rent(builder.Length);
        Span<byte> scratch = stackalloc byte[StackBytes];
        byte[]? rented = null;
        try
        {
            builder.CopyTo(0, chars, builder.Length);
            reused.Compute(secret, Utf8(chars.AsSpan(0, builder.Length), scratch, ref rented), mac);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            Return(rented);
        }

        Keep(builder);
    }

    private static void Keep(StringBuilder builder)
    {
        if (builder.Capacity <= KeptBuilderChars)
        {
            t_builder = builder;
        }
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, in <paramref name="scratch"/> when they fit, else in a pooled array the caller returns with <see cref="Return"/>.</summary>
    public static Span<byte> Utf8(ReadOnlySpan<char> text, Span<byte> scratch, ref byte[]? rented)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > scratch.Length && Encoding.UTF8.TryGetBytes(text, scratch, out var written))
        {
            return scratch[..written]; // ASCII text of up to the scratch's length fits although its worst case does not
        }

        var buffer = max <= scratch.Length ? scratch : (rented = ArrayPool<byte>.Shared.Rent(max));
        return buffer[..Encoding.UTF8.GetBytes(text, buffer)];
    }

    public static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The lower-case hex of <paramref name="bytes"/> as ASCII bytes into <paramref name="into"/> (twice as long).</summary>
    public static void LowerHex(ReadOnlySpan<byte> bytes, Span<byte> into)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            into[2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            into[(2 * i) + 1] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }
    }

    /// <summary><paramref name="prefix"/> followed by the lower-case hex of <paramref name="bytes"/>, as one string.</summary>
    public static string LowerHex(string prefix, ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[prefix.Length + (bytes.Length * 2)];
        prefix.AsSpan().CopyTo(chars);
        var position = prefix.Length;
        foreach (var b in bytes)
        {
            chars[position++] = "0123456789abcdef"[b >> 4];
            chars[position++] = "0123456789abcdef"[b & 0xF];
        }

        return new string(chars);
    }

    /// <summary>The pairs percent-encoded and sorted by name, then value (ordinal), skipping <paramref name="skipName"/>.</summary>
    /// <remarks>The list is this thread's: signing is synchronous and never nested, so one serves every signing; use it before the next call.</remarks>
    public static List<KeyValuePair<string, string>> EncodeAndSort(IEnumerable<KeyValuePair<string, string>> pairs, string? skipName = null)
    {
        var encoded = t_encoded ??= new List<KeyValuePair<string, string>>(16);
        encoded.Clear();
        foreach (var pair in Each(pairs))
        {
            if (skipName is null || pair.Key != skipName)
            {
                encoded.Add(new(PercentEncoder.Encode(pair.Key), PercentEncoder.Encode(pair.Value)));
            }
        }

        encoded.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        return encoded;
    }

    /// <summary>
    /// The pairs, enumerated without boxing an enumerator when they are a list (every list the client signs is);
    /// any other sequence is copied first.
    /// </summary>
    public static ReadOnlySpan<KeyValuePair<string, string>> Each(IEnumerable<KeyValuePair<string, string>> pairs) => pairs switch
    {
        List<KeyValuePair<string, string>> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        KeyValuePair<string, string>[] array => array,
        _ => System.Linq.Enumerable.ToArray(pairs),
    };

    /// <summary>Appends <c>name=value</c> pairs joined with <c>&amp;</c>, then clears the list (no value stays referenced).</summary>
    public static void AppendJoined(StringBuilder builder, List<KeyValuePair<string, string>> pairs)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            builder.Append(pairs[i].Key).Append('=').Append(pairs[i].Value);
        }

        pairs.Clear();
    }
}
