using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Dms.Codegen.Signing;

/// <summary>
/// The classic RPC signature (<c>HMAC-SHA1</c>, <c>SignatureVersion=1.0</c>) as pure functions: every query
/// and form parameter except <c>Signature</c>, sorted by name, percent-encoded, then HMAC-SHA1 keyed with
/// <c>secret&amp;</c>.
/// </summary>
public static class RpcV1Signer
{
    /// <summary>The sorted, encoded <c>name=value</c> pairs joined with <c>&amp;</c>.</summary>
    public static string CanonicalizedQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = SigningText.Builder();
        SigningText.AppendJoined(builder, SigningText.EncodeAndSort(parameters, skipName: "Signature"));
        return SigningText.ToStringAndKeep(builder);
    }

    /// <summary><c>METHOD&amp;%2F&amp;</c> + the encoded canonicalized query.</summary>
    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        var query = CanonicalizedQuery(parameters);
        var builder = SigningText.Builder().Append(method.ToUpperInvariant()).Append("&%2F&");
        PercentEncoder.Append(builder, query);
        return SigningText.ToStringAndKeep(builder);
    }

    /// <summary>Base64 HMAC-SHA1 keyed with <c>secret&amp;</c>.</summary>
    public static string Signature(string accessKeySecret, string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        ArgumentNullException.ThrowIfNull(stringToSign);
        Span<byte> keyScratch = stackalloc byte[128];
        Span<byte> dataScratch = stackalloc byte[SigningText.StackBytes];
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        byte[]? rentedKey = null;
        byte[]? rentedData = null;
        try
        {
            // The key is the secret followed by '&'; one byte more than the secret's UTF-8.
            var secret = SigningText.Utf8(accessKeySecret, keyScratch[..^1], ref rentedKey);
            scoped Span<byte> key;
            if (rentedKey is null)
            {
                keyScratch[secret.Length] = (byte)'&';
                key = keyScratch[..(secret.Length + 1)];
            }
            else
            {
                var bigger = new byte[secret.Length + 1];
                secret.CopyTo(bigger);
                bigger[^1] = (byte)'&';
                secret.Clear();
                key = bigger;
            }

            HMACSHA1.HashData(key, SigningText.Utf8(stringToSign, dataScratch, ref rentedData), mac);
            key.Clear();
        }
        finally
        {
            SigningText.Return(rentedKey);
            SigningText.Return(rentedData);
        }

        return Convert.ToBase64String(mac);
    }
}
