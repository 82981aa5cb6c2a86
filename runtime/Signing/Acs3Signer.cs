using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Dms.Codegen.Signing;

/// <summary>
/// Alibaba Cloud signature V3 (<c>ACS3-HMAC-SHA256</c>) as pure functions, so that the documented vectors
/// can be checked with a fixed date and nonce, and the emulator can verify with the same code.
/// </summary>
public static class Acs3Signer
{
    /// <summary>The algorithm name that starts the string to sign and the Authorization header.</summary>
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Lower-case hex SHA-256 of an empty body.</summary>
    public const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Lower-case hex SHA-256 of the exact body bytes (<c>x-acs-content-sha256</c>).</summary>
    public static string HashPayload(ReadOnlySpan<byte> body) => Hex(SHA256.HashData(body));

    /// <summary>Whether a header takes part in the signature: <c>host</c>, <c>content-type</c> and every <c>x-acs-*</c>.</summary>
    public static bool IsSignedHeader(string name) =>
        name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The canonical request. Query parameters are sorted by name (ordinal) and percent-encoded; signed
    /// headers are lower-cased, trimmed and sorted, with repeated names joined by commas.
    /// </summary>
    public static string CanonicalRequest(
        string method,
        string canonicalUri,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string hashedPayload,
        out string signedHeaders)
    {
        var canonicalQuery = string.Join("&", query
            .Select(p => (Name: PercentEncoder.Encode(p.Key), Value: PercentEncoder.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

        var canonicalHeaders = headers
            .Where(h => IsSignedHeader(h.Key))
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(",", g.Select(h => h.Value.Trim()).OrderBy(v => v, StringComparer.Ordinal))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();

        signedHeaders = string.Join(";", canonicalHeaders.Select(h => h.Name));
        var builder = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return builder.Append('\n').Append(signedHeaders).Append('\n').Append(hashedPayload).ToString();
    }

    /// <summary><c>ACS3-HMAC-SHA256\n</c> + hex SHA-256 of the canonical request.</summary>
    public static string StringToSign(string canonicalRequest) =>
        Algorithm + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    /// <summary>Lower-case hex HMAC-SHA256 of the string to sign, keyed with the secret as it is.</summary>
    public static string Signature(string accessKeySecret, string stringToSign) =>
        Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));

    // Convert.ToHexStringLower exists only from .NET 9; this targets .NET 8 too.
    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>The <c>Authorization</c> header value.</summary>
    public static string Authorization(string accessKeyId, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId},SignedHeaders={signedHeaders},Signature={signature}";
}
