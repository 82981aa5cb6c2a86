using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Dms.Codegen.Signing;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// The allocation-light signers against a plain reference written straight from signing.md, over the cases the
/// documented vectors do not reach: repeated and mixed-case headers, no signed header, long secrets and long
/// strings to sign (pooled buffers), and random Unicode parameters.
/// </summary>
public class SignerReferenceTests
{
    [Fact]
    public void RepeatedMixedCaseHeadersAreLowerCasedTrimmedSortedAndJoined()
    {
        var headers = new KeyValuePair<string, string>[]
        {
            new("X-Acs-Action", " Echo "),
            new("x-acs-meta", "b"),
            new("Host", "h.example"),
            new("x-acs-meta", "a"),
            new("User-Agent", "not signed"),
            new("Content-Type", "application/x-www-form-urlencoded"),
        };

        var canonical = Acs3Signer.CanonicalRequest("post", "/", Array.Empty<KeyValuePair<string, string>>(), headers, Acs3Signer.EmptyBodyHash, out var signed);

        Assert.Equal("content-type;host;x-acs-action;x-acs-meta", signed);
        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:h.example\nx-acs-action:Echo\nx-acs-meta:a,b\n\ncontent-type;host;x-acs-action;x-acs-meta\n" + Acs3Signer.EmptyBodyHash,
            canonical);
        Assert.Equal(ReferenceCanonical("POST", Array.Empty<KeyValuePair<string, string>>(), headers, Acs3Signer.EmptyBodyHash, out var referenceSigned), canonical);
        Assert.Equal(referenceSigned, signed);
    }

    [Fact]
    public void NoSignedHeaderAndNoQuery()
    {
        var canonical = Acs3Signer.CanonicalRequest("GET", "/", Array.Empty<KeyValuePair<string, string>>(), new[] { new KeyValuePair<string, string>("accept", "x") }, "h", out var signed);
        Assert.Equal(string.Empty, signed);
        Assert.Equal("GET\n/\n\n\n\nh", canonical);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void RandomParametersSignLikeTheReference(int seed)
    {
        var random = new Random(seed);
        var parameters = Enumerable.Range(0, 40).Select(_ => new KeyValuePair<string, string>(RandomText(random, 12), RandomText(random, 80))).ToList();
        var secret = RandomText(random, 200); // longer than the stack scratch: the pooled path
        var headers = new[] { new KeyValuePair<string, string>("host", "h"), new KeyValuePair<string, string>("x-acs-date", "2026-01-01T00:00:00Z") };

        var canonical = Acs3Signer.CanonicalRequest("POST", "/", parameters, headers, Acs3Signer.EmptyBodyHash, out _);
        Assert.Equal(ReferenceCanonical("POST", parameters, headers, Acs3Signer.EmptyBodyHash, out _), canonical);
        var stringToSign = Acs3Signer.StringToSign(canonical);
        Assert.Equal("ACS3-HMAC-SHA256\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), stringToSign);
        Assert.Equal(Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign))), Acs3Signer.Signature(secret, stringToSign));

        var v1 = RpcV1Signer.StringToSign("POST", parameters);
        Assert.Equal("POST&%2F&" + ReferenceEncode(string.Join("&", parameters.Select(p => (N: ReferenceEncode(p.Key), V: ReferenceEncode(p.Value))).OrderBy(p => p.N, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => p.N + "=" + p.V))), v1);
        Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(v1))), RpcV1Signer.Signature(secret, v1));
        Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("short&"), Encoding.UTF8.GetBytes(v1))), RpcV1Signer.Signature("short", v1));
    }

    [Fact]
    public void PayloadHashOfALargeBody()
    {
        var body = Encoding.UTF8.GetBytes(new string('x', 100_000));
        Assert.Equal(Hex(SHA256.HashData(body)), Acs3Signer.HashPayload(body));
    }

    private static string RandomText(Random random, int maxLength)
    {
        var alphabet = "abcXYZ019-_.~ *+/=&%?#é数😀'()!".EnumerateRunes().ToArray();
        var builder = new StringBuilder();
        var length = random.Next(1, maxLength);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)].ToString());
        }

        return builder.ToString();
    }

    private static string ReferenceEncode(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' ? ((char)b).ToString() : "%" + b.ToString("X2")));

    private static string ReferenceCanonical(string method, IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> headers, string hash, out string signed)
    {
        var q = string.Join("&", query.Select(p => (N: ReferenceEncode(p.Key), V: ReferenceEncode(p.Value))).OrderBy(p => p.N, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => p.N + "=" + p.V));
        var h = headers.Where(x => x.Key.Equals("host", StringComparison.OrdinalIgnoreCase) || x.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase) || x.Key.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase))
            .GroupBy(x => x.Key.ToLowerInvariant())
            .Select(g => (Name: g.Key, Value: string.Join(",", g.Select(x => x.Value.Trim()).OrderBy(v => v, StringComparer.Ordinal))))
            .OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        signed = string.Join(";", h.Select(x => x.Name));
        return method + "\n/\n" + q + "\n" + string.Concat(h.Select(x => x.Name + ":" + x.Value + "\n")) + "\n" + signed + "\n" + hash;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
