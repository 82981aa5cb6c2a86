using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Signing;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// The client signs with state it reuses (a credential's keyed HMAC, a per-thread SHA-256, the canonical request
/// hashed from its builder): every use must give what a fresh one-shot computation gives, after any number of
/// earlier uses, from many threads at once, with short and long secrets.
/// </summary>
public class SigningReuseTests
{
    public static TheoryData<string> Secrets => new() { "testsecret", "s", new string('k', 300), "секрет-数-😀" };

    private static readonly KeyValuePair<string, string>[] Headers =
    {
        new("host", "dms.example"), new("x-acs-action", "Act"), new("x-acs-meta", "数"),
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void TheReusedHmacsGiveTheOneShotSignaturesEveryTime(string secret)
    {
        var credential = new DmsCredential("id", secret);
        for (var i = 0; i < 5; i++)
        {
            var query = Query(i * 40);
            var stringToSign = Acs3Signer.StringToSign(Acs3Signer.CanonicalRequest("POST", "/", query, Headers, Acs3Signer.EmptyBodyHash, out _));
            var v3 = Acs3Signer.Signature(credential, "POST", "/", query, Headers, Acs3Signer.EmptyBodyHash, out _);
            Assert.Equal(Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign))), v3);
            Assert.Equal(Acs3Signer.Signature(secret, stringToSign), v3);

            var v1StringToSign = RpcV1Signer.StringToSign("POST", query);
            var v1 = RpcV1Signer.Signature(credential, "POST", query);
            Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(v1StringToSign))), v1);
            Assert.Equal(RpcV1Signer.Signature(secret, v1StringToSign), v1);
        }
    }

    [Fact]
    public async Task OneCredentialSignsCorrectlyFromManyThreadsAtOnce()
    {
        var credential = new DmsCredential("id", "concurrent-secret");
        var queries = Enumerable.Range(0, 64).Select(i => Query(i % 9)).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
            Enumerable.Range(0, 200).All(j =>
            {
                var query = queries[j % queries.Length];
                var canonical = Acs3Signer.CanonicalRequest("GET", "/", query, Headers, Acs3Signer.EmptyBodyHash, out _);
                return Acs3Signer.Signature(credential, "GET", "/", query, Headers, Acs3Signer.EmptyBodyHash, out _) == Acs3Signer.Signature("concurrent-secret", Acs3Signer.StringToSign(canonical))
                    && RpcV1Signer.Signature(credential, "GET", query) == RpcV1Signer.Signature("concurrent-secret", RpcV1Signer.StringToSign("GET", query));
            }))));
        Assert.All(results, Assert.True);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(200)] // a canonical request longer than the stack scratch
    public void TheSignatureHashedFromTheBuilderIsTheOneOfTheCanonicalRequest(int parameters)
    {
        var credential = new DmsCredential("id", "testsecret");
        var query = Query(parameters);
        for (var i = 0; i < 3; i++)
        {
            var direct = Acs3Signer.Signature(credential, "POST", "/", query, Headers, Acs3Signer.EmptyBodyHash, out var signed);
            var canonical = Acs3Signer.CanonicalRequest("POST", "/", query, Headers, Acs3Signer.EmptyBodyHash, out var expectedSigned);
            var stringToSign = "ACS3-HMAC-SHA256\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            Assert.Equal(Acs3Signer.StringToSign(canonical), stringToSign);
            Assert.Equal(Hex(HMACSHA256.HashData("testsecret"u8, Encoding.UTF8.GetBytes(stringToSign))), direct);
            Assert.Equal(expectedSigned, signed);
        }
    }

    // The last SignedHeaders text is reused when the next signing has the same header names: never a stale one.
    [Fact]
    public void SigningsWithOtherHeaderNamesGetTheirOwnSignedHeaders()
    {
        var credential = new DmsCredential("id", "testsecret");
        var withToken = Headers.Append(new("x-acs-security-token", "t")).ToArray();
        var withBody = Headers.Append(new("content-type", "application/x-www-form-urlencoded")).ToArray();
        foreach (var headers in new[] { Headers, withToken, Headers, withBody, withBody, Headers })
        {
            Acs3Signer.Signature(credential, "POST", "/", Query(1), headers, Acs3Signer.EmptyBodyHash, out var signed);
            Acs3Signer.CanonicalRequest("POST", "/", Query(1), headers, Acs3Signer.EmptyBodyHash, out var expected);
            Assert.Equal(string.Join(";", headers.Select(h => h.Key).Order(StringComparer.Ordinal)), signed);
            Assert.Equal(expected, signed);
        }
    }

    private static List<KeyValuePair<string, string>> Query(int count) =>
        Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"P{i}", $"v é {i} 😀")).ToList();

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
