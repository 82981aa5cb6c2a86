using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Dms.Codegen.Signing;

/// <summary>
/// One credential's HMAC, keyed once and reused for every attempt it signs. A one-shot HMAC looks the algorithm
/// up and sets the key up again each time, which on OpenSSL 3 costs more than hashing the string to sign.
/// It lives on the credential, so the keyed state goes when the credential does (rotation, refresh); it is never
/// serialised or printed.
/// </summary>
internal sealed class SigningMac
{
    private readonly HashAlgorithmName _algorithm;
    private readonly bool _ampersand;
    private IncrementalHash? _spare;

    /// <param name="algorithm">SHA256 for V3, SHA1 for V1.</param>
    /// <param name="ampersand">Whether the key is the secret followed by <c>&amp;</c> (V1).</param>
    public SigningMac(HashAlgorithmName algorithm, bool ampersand)
    {
        _algorithm = algorithm;
        _ampersand = ampersand;
    }

    /// <summary>Writes the HMAC of <paramref name="data"/> into <paramref name="mac"/>; safe to call from many threads at once.</summary>
    public void Compute(string secret, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        // One spare instance: a caller takes it (or keys a new one while another call holds it) and puts it back.
        var hmac = Interlocked.Exchange(ref _spare, null) ?? Create(_algorithm, _ampersand, secret);
        hmac.AppendData(data);
        hmac.TryGetHashAndReset(mac, out _);
        if (Interlocked.CompareExchange(ref _spare, hmac, null) is not null)
        {
            hmac.Dispose();
        }
    }

    /// <summary>The HMAC of the UTF-8 bytes of <paramref name="text"/> with a key used once (the public pure signers).</summary>
    public static void ComputeOnce(HashAlgorithmName algorithm, bool ampersand, string secret, string text, Span<byte> mac)
    {
        Span<byte> scratch = stackalloc byte[SigningText.StackBytes];
        byte[]? rented = null;
        try
        {
            ComputeOnce(algorithm, ampersand, secret, SigningText.Utf8(text, scratch, ref rented), mac);
        }
        finally
        {
            SigningText.Return(rented);
        }
    }

    private static void ComputeOnce(HashAlgorithmName algorithm, bool ampersand, string secret, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        using var hmac = Create(algorithm, ampersand, secret);
        hmac.AppendData(data);
        hmac.TryGetHashAndReset(mac, out _);
    }

    private static IncrementalHash Create(HashAlgorithmName algorithm, bool ampersand, string secret)
    {
        var length = Encoding.UTF8.GetByteCount(secret) + (ampersand ? 1 : 0);
        Span<byte> scratch = stackalloc byte[256];
        var rented = length > scratch.Length ? ArrayPool<byte>.Shared.Rent(length) : null;
        var key = (rented ?? scratch)[..length];
        try
        {
            Encoding.UTF8.GetBytes(secret, key);
            if (ampersand)
            {
                key[^1] = (byte)'&';
            }

            return IncrementalHash.CreateHMAC(algorithm, key);
        }
        finally
        {
            key.Clear(); // the secret's bytes do not linger on the stack or in the pool
            SigningText.Return(rented);
        }
    }
}
