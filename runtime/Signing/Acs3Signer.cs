using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Dms.Codegen.Credentials;

namespace Dms.Codegen.Signing;

/// <summary>
/// Alibaba Cloud signature V3 (<c>ACS3-HMAC-SHA256</c>) as pure functions, so that the documented vectors
/// can be checked with a fixed date and nonce, and the emulator can verify with the same code.
/// </summary>
public static class Acs3Signer
{
    /// <summary>The algorithm name that starts the string to sign and the Authorization header.</summary>
    public const string Algorithm = "ACS3-HMAC-SHA256";

    [ThreadStatic]
    private static List<KeyValuePair<string, string>>? t_signed;

    private static string? s_lastSignedHeaders;

    /// <summary>Lower-case hex SHA-256 of an empty body.</summary>
    public const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Lower-case hex SHA-256 of the exact body bytes (<c>x-acs-content-sha256</c>).</summary>
    public static string HashPayload(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return EmptyBodyHash;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SigningText.Sha256(body, hash);
        return SigningText.LowerHex(string.Empty, hash);
    }

    /// <summary>Whether a header takes part in the signature: <c>host</c>, <c>content-type</c> and every <c>x-acs-*</c>.</summary>
    public static bool IsSignedHeader(string name) =>
        name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The canonical request. Query parameters are sorted by name (ordinal) and percent-encoded; signed
    /// headers are lower-cased, trimmed and sorted, with repeated names joined by commas (values sorted).
    /// </summary>
    public static string CanonicalRequest(
        string method,
        string canonicalUri,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string hashedPayload,
        out string signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(headers);
        return SigningText.ToStringAndKeep(BuildCanonicalRequest(method, canonicalUri, query, headers, hashedPayload, out signedHeaders));
    }

    /// <summary>
    /// The signature of the canonical request these parts make, with the credential's reused HMAC: the canonical
    /// request is hashed straight from its builder and the string to sign is written as bytes, so neither
    /// becomes a string.
    /// </summary>
    internal static string Signature(
        DmsCredential credential,
        string method,
        string canonicalUri,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string hashedPayload,
        out string signedHeaders)
    {
        var builder = BuildCanonicalRequest(method, canonicalUri, query, headers, hashedPayload, out signedHeaders);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SigningText.Sha256(builder, hash);
        // The string to sign, as ASCII bytes: the algorithm, a line feed, the hex of the hash.
        Span<byte> stringToSign = stackalloc byte[Algorithm.Length + 1 + (hash.Length * 2)];
        Encoding.ASCII.GetBytes(Algorithm, stringToSign);
        stringToSign[Algorithm.Length] = (byte)'\n';
        SigningText.LowerHex(hash, stringToSign[(Algorithm.Length + 1)..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        credential.V3Mac.Compute(credential.AccessKeySecret, stringToSign, mac);
        return SigningText.LowerHex(string.Empty, mac);
    }

    private static StringBuilder BuildCanonicalRequest(
        string method,
        string canonicalUri,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string hashedPayload,
        out string signedHeaders)
    {
        var builder = SigningText.Builder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(canonicalUri).Append('\n');
        SigningText.AppendJoined(builder, SigningText.EncodeAndSort(query));
        builder.Append('\n');

        var signed = t_signed ??= new List<KeyValuePair<string, string>>(12);
        signed.Clear();
        foreach (var header in SigningText.Each(headers))
        {
            if (IsSignedHeader(header.Key))
            {
                // ToLowerInvariant returns the same instance when the name is already lower case.
                signed.Add(new(header.Key.ToLowerInvariant(), header.Value.Trim()));
            }
        }

        // Sorting by name then value puts repeated names together with their values already in order.
        signed.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        for (var i = 0; i < signed.Count; i++)
        {
            if (i > 0 && signed[i].Key == signed[i - 1].Key)
            {
                builder.Append(',').Append(signed[i].Value);
                continue;
            }

            if (i > 0)
            {
                builder.Append('\n');
            }

            builder.Append(signed[i].Key).Append(':').Append(signed[i].Value);
        }

        builder.Append(signed.Count > 0 ? "\n\n" : "\n");
        var start = builder.Length;
        for (var i = 0; i < signed.Count; i++)
        {
            if (i > 0 && signed[i].Key == signed[i - 1].Key)
            {
                continue;
            }

            if (builder.Length > start)
            {
                builder.Append(';');
            }

            builder.Append(signed[i].Key);
        }

        signed.Clear();
        signedHeaders = SignedHeaders(builder, start);
        return builder.Append('\n').Append(hashedPayload);
    }

    // Calls of one client sign the same header names each time: the last list is reused when it is the same text.
    private static string SignedHeaders(StringBuilder builder, int start)
    {
        var length = builder.Length - start;
        if (Volatile.Read(ref s_lastSignedHeaders) is { } last && last.Length == length && length <= 512)
        {
            Span<char> text = stackalloc char[length];
            builder.CopyTo(start, text, length);
            if (text.SequenceEqual(last))
            {
                return last;
            }
        }

        var made = builder.ToString(start, length);
        Volatile.Write(ref s_lastSignedHeaders, made);
        return made;
    }

    /// <summary><c>ACS3-HMAC-SHA256\n</c> + hex SHA-256 of the canonical request.</summary>
    public static string StringToSign(string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SigningText.Sha256(canonicalRequest, hash);
        return SigningText.LowerHex(Algorithm + "\n", hash);
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the string to sign, keyed with the secret as it is.</summary>
    public static string Signature(string accessKeySecret, string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        ArgumentNullException.ThrowIfNull(stringToSign);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        SigningMac.ComputeOnce(HashAlgorithmName.SHA256, ampersand: false, accessKeySecret, stringToSign, mac);
        return SigningText.LowerHex(string.Empty, mac);
    }


    /// <summary>The <c>Authorization</c> header value.</summary>
    public static string Authorization(string accessKeyId, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId},SignedHeaders={signedHeaders},Signature={signature}";
}
