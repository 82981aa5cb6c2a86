using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Dms.Codegen.Credentials;

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
        ArgumentNullException.ThrowIfNull(parameters);
        return SigningText.ToStringAndKeep(BuildStringToSign(method, parameters));
    }

    /// <summary>The signature of these parameters, with the credential's reused HMAC; the string to sign is never a string of its own.</summary>
    internal static string Signature(DmsCredential credential, string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        SigningText.Mac(credential.V1Mac, credential.AccessKeySecret, BuildStringToSign(method, parameters), mac);
        return Convert.ToBase64String(mac);
    }

    private static StringBuilder BuildStringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        // Percent-encoding works byte by byte, so encoding the joined query is encoding each piece and the
        // separators ('=' is %3D, '&' is %26): the canonicalized query is never built as a string of its own.
        var encoded = SigningText.EncodeAndSort(parameters, skipName: "Signature");
        var builder = SigningText.Builder().Append(method.ToUpperInvariant()).Append("&%2F&");
        for (var i = 0; i < encoded.Count; i++)
        {
            if (i > 0)
            {
                builder.Append("%26");
            }

            PercentEncoder.Append(builder, encoded[i].Key);
            builder.Append("%3D");
            PercentEncoder.Append(builder, encoded[i].Value);
        }

        encoded.Clear();
        return builder;
    }

    /// <summary>Base64 HMAC-SHA1 keyed with <c>secret&amp;</c>.</summary>
    public static string Signature(string accessKeySecret, string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        ArgumentNullException.ThrowIfNull(stringToSign);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        SigningMac.ComputeOnce(HashAlgorithmName.SHA1, ampersand: true, accessKeySecret, stringToSign, mac);
        return Convert.ToBase64String(mac);
    }
}
