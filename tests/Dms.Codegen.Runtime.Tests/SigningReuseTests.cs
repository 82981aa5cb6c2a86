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

    [Theory]
    [MemberData(nameof(Secrets))]
    public void TheReusedHmacsGiveTheOneShotSignaturesEveryTime(string secret)
    {
        var credential = new DmsCredential("id", secret);
        for (var i = 0; i < 5; i++)
        {
            var text = "ACS3-HMAC-SHA256\n" + new string((char)('a' + i), 40 * i);
            Assert.Equal(Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text))), Acs3Signer.Signature(credential, text));
            Assert.Equal(Acs3Signer.Signature(secret, text), Acs3Signer.Signature(credential, text));
            Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(text))), RpcV1Signer.Signature(credential, text));
            Assert.Equal(RpcV1Signer.Signature(secret, text), RpcV1Signer.Signature(credential, text));
        }
    }

    [Fact]
    public async Task OneCredentialSignsCorrectlyFromManyThreadsAtOnce()
    {
        var credential = new DmsCredential("id", "concurrent-secret");
        var texts = Enumerable.Range(0, 64).Select(i => $"text {i} " + new string('x', i * 7)).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).All(j =>
            {
                var text = texts[j % texts.Length];
                return Acs3Signer.Signature(credential, text) == Acs3Signer.Signature("concurrent-secret", text)
                    && RpcV1Signer.Signature(credential, text) == RpcV1Signer.Signature("concurrent-secret", text);
            }))));
        Assert.All(results, Assert.True);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(200)] // a canonical request longer than the stack scratch
    public void TheStringToSignHashedFromTheBuilderIsTheOneOfTheCanonicalRequest(int parameters)
    {
        var query = Enumerable.Range(0, parameters).Select(i => new KeyValuePair<string, string>($"P{i}", $"v é {i}")).ToList();
        var headers = new[] { new KeyValuePair<string, string>("host", "dms.example"), new KeyValuePair<string, string>("x-acs-meta", "数") };
        for (var i = 0; i < 3; i++)
        {
            var direct = Acs3Signer.StringToSign("POST", "/", query, headers, Acs3Signer.EmptyBodyHash, out var signed);
            var canonical = Acs3Signer.CanonicalRequest("POST", "/", query, headers, Acs3Signer.EmptyBodyHash, out var expectedSigned);
            Assert.Equal("ACS3-HMAC-SHA256\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), direct);
            Assert.Equal(Acs3Signer.StringToSign(canonical), direct);
            Assert.Equal(expectedSigned, signed);
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
