using System;
using System.Collections.Generic;
using System.Linq;
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
    public static string CanonicalizedQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters
            .Where(p => p.Key != "Signature")
            .Select(p => (Name: PercentEncoder.Encode(p.Key), Value: PercentEncoder.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    /// <summary><c>METHOD&amp;%2F&amp;</c> + the encoded canonicalized query.</summary>
    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
        method.ToUpperInvariant() + "&" + PercentEncoder.Encode("/") + "&" + PercentEncoder.Encode(CanonicalizedQuery(parameters));

    /// <summary>Base64 HMAC-SHA1 keyed with <c>secret&amp;</c>.</summary>
    public static string Signature(string accessKeySecret, string stringToSign) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
}
