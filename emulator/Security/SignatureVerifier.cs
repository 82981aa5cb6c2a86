using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Emulator.Security;

/// <summary>What a verified request says about itself.</summary>
internal sealed record VerifiedCaller(string AccessKeyId, string Action, string Version, IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>
/// Verifies V3 (<c>ACS3-HMAC-SHA256</c>) and V1 (<c>HMAC-SHA1</c>) signatures strictly, with the runtime's own
/// signing functions, and answers with Alibaba's error codes.
/// </summary>
internal sealed class SignatureVerifier
{
    /// <summary>The parameters V1 adds for itself; they are not the operation's.</summary>
    private static readonly HashSet<string> V1CommonParameters = new(StringComparer.Ordinal)
    {
        "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature", "SecurityToken", "RegionId",
    };

    private readonly IReadOnlyDictionary<string, string> _keys;
    private readonly DmsEmulatorOptions _options;
    private readonly NonceCache _nonces;

    public SignatureVerifier(DmsEmulatorOptions options)
    {
        _options = options;
        _keys = options.EffectiveKeys();
        _nonces = new NonceCache(options.MaxClockSkew, options.MaxRememberedNonces, options.TimeProvider);
    }

    public (VerifiedCaller? Caller, AlibabaError? Error) Verify(IncomingRequest request)
    {
        if (request.Header("Authorization") is { Length: > 0 } authorization)
        {
            return VerifyV3(request, authorization);
        }

        // V1 clients put the common parameters in the query; some older ones send everything as a form body.
        var all = request.Query.Concat(request.Form).ToList();
        if (Value(all, "Signature") is not null)
        {
            return VerifyV1(request.Method, all);
        }

        return (null, AlibabaError.IncompleteSignature("There is neither an Authorization header (V3) nor a Signature parameter (V1)."));
    }

    private (VerifiedCaller?, AlibabaError?) VerifyV3(IncomingRequest request, string authorization)
    {
        if (!TryParseAuthorization(authorization, out var keyId, out var signedHeaders, out var signature))
        {
            return (null, AlibabaError.IncompleteSignature("The Authorization header must be 'ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...'."));
        }

        foreach (var required in new[] { "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" })
        {
            if (request.Header(required) is null)
            {
                return (null, AlibabaError.IncompleteSignature($"The header {required} is missing."));
            }

            if (!signedHeaders.Contains(required))
            {
                return (null, AlibabaError.IncompleteSignature($"The header {required} must be signed."));
            }
        }

        if (!signedHeaders.Contains("host"))
        {
            return (null, AlibabaError.IncompleteSignature("The host header must be signed."));
        }

        // Alibaba accepts any signed header, but the runtime's canonical request keeps only these; say so
        // plainly instead of answering with a SignatureDoesNotMatch that no client could explain.
        if (signedHeaders.FirstOrDefault(name => !Acs3Signer.IsSignedHeader(name)) is { } unsupported)
        {
            return (null, AlibabaError.IncompleteSignature($"The emulator verifies only signed host, content-type and x-acs-* headers, and '{unsupported}' is signed."));
        }

        if (SecretFor(keyId, request.Header("x-acs-security-token"), out var secret) is { } keyError)
        {
            return (null, keyError);
        }

        if (CheckTimestamp(request.Header("x-acs-date")!, out var signedAt) is { } timeError)
        {
            return (null, timeError);
        }

        var headers = signedHeaders.Select(name => new KeyValuePair<string, string>(name, name == "host" ? request.Request.Host.Value ?? string.Empty : request.Header(name) ?? string.Empty));
        var canonical = Acs3Signer.CanonicalRequest(request.Method, "/", request.Query, headers, request.Header("x-acs-content-sha256")!, out _);
        var stringToSign = Acs3Signer.StringToSign(canonical);
        if (!FixedTimeEquals(Acs3Signer.Signature(secret, stringToSign), signature))
        {
            return (null, AlibabaError.SignatureDoesNotMatch(stringToSign));
        }

        // The signature covers the payload hash header; the hash must also be the body's.
        if (!FixedTimeEquals(Acs3Signer.HashPayload(request.Body), request.Header("x-acs-content-sha256")!))
        {
            return (null, AlibabaError.SignatureDoesNotMatch("(x-acs-content-sha256 is not the SHA-256 of the body)"));
        }

        if (CheckNonce(keyId, request.Header("x-acs-signature-nonce")!, signedAt) is { } nonceError)
        {
            return (null, nonceError);
        }

        var parameters = request.Query.Concat(request.Form).ToList();
        return (new VerifiedCaller(keyId, request.Header("x-acs-action")!, request.Header("x-acs-version")!, parameters), null);
    }

    private (VerifiedCaller?, AlibabaError?) VerifyV1(string method, List<KeyValuePair<string, string>> all)
    {
        foreach (var required in new[] { "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Action", "Version" })
        {
            if (string.IsNullOrEmpty(Value(all, required)))
            {
                return (null, AlibabaError.IncompleteSignature($"The parameter {required} is missing."));
            }
        }

        if (Value(all, "SignatureMethod") != "HMAC-SHA1" || Value(all, "SignatureVersion") != "1.0")
        {
            return (null, AlibabaError.IncompleteSignature("Only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported."));
        }

        var keyId = Value(all, "AccessKeyId")!;
        if (SecretFor(keyId, Value(all, "SecurityToken"), out var secret) is { } keyError)
        {
            return (null, keyError);
        }

        if (CheckTimestamp(Value(all, "Timestamp")!, out var signedAt) is { } timeError)
        {
            return (null, timeError);
        }

        var stringToSign = RpcV1Signer.StringToSign(method, all);
        if (!FixedTimeEquals(RpcV1Signer.Signature(secret, stringToSign), Value(all, "Signature")!))
        {
            return (null, AlibabaError.SignatureDoesNotMatch(stringToSign));
        }

        if (CheckNonce(keyId, Value(all, "SignatureNonce")!, signedAt) is { } nonceError)
        {
            return (null, nonceError);
        }

        var parameters = all.Where(p => !V1CommonParameters.Contains(p.Key)).ToList();
        return (new VerifiedCaller(keyId, Value(all, "Action")!, Value(all, "Version")!, parameters), null);
    }

    /// <summary>
    /// The secret to verify with: a permanent key's, or a temporary credential's from one of the issuing fakes,
    /// which counts only with its own security token and until it expires on its issuer's clock.
    /// </summary>
    private AlibabaError? SecretFor(string keyId, string? token, out string secret)
    {
        if (_keys.TryGetValue(keyId, out secret!))
        {
            return null;
        }

        secret = string.Empty;
        foreach (var issuer in _options.TemporaryCredentialIssuers)
        {
            if (issuer.Issued.LastOrDefault(c => c.AccessKeyId == keyId) is not { } issued)
            {
                continue;
            }

            if (string.IsNullOrEmpty(token))
            {
                return AlibabaError.MissingSecurityToken();
            }

            if (!FixedTimeEquals(issued.SecurityToken, token))
            {
                return AlibabaError.SecurityTokenMismatch();
            }

            if (!issued.IsValidAt(issuer.Time.GetUtcNow()))
            {
                return AlibabaError.SecurityTokenExpired();
            }

            secret = issued.AccessKeySecret;
            return null;
        }

        return AlibabaError.AccessKeyNotFound();
    }

    /// <summary>How many nonces are remembered now (bounded by <see cref="DmsEmulatorOptions.MaxRememberedNonces"/>).</summary>
    public int RememberedNonces => _nonces.Count;

    private AlibabaError? CheckNonce(string keyId, string nonce, DateTimeOffset signedAt)
    {
        if (!_options.ReplayProtection)
        {
            return null;
        }

        return _nonces.TryUse(keyId, nonce, signedAt) switch
        {
            NonceVerdict.Replayed => AlibabaError.NonceUsed(),
            NonceVerdict.Full => AlibabaError.NonceCacheFull(_nonces.UntilNextExpiry),
            _ => null,
        };
    }

    private AlibabaError? CheckTimestamp(string value, out DateTimeOffset time)
    {
        if (!DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            return AlibabaError.TimestampFormat(value);
        }

        return (_options.TimeProvider.GetUtcNow() - time).Duration() > _options.MaxClockSkew ? AlibabaError.TimestampExpired(value) : null;
    }

    private static bool TryParseAuthorization(string header, out string keyId, out HashSet<string> signedHeaders, out string signature)
    {
        keyId = signature = string.Empty;
        signedHeaders = new HashSet<string>(StringComparer.Ordinal);
        if (!header.StartsWith(Acs3Signer.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in header[(Acs3Signer.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            // A field given twice is ambiguous: reject it rather than pick one.
            if (field.Split('=', 2) is not [var name, var text] || !fields.TryAdd(name, text))
            {
                return false;
            }
        }

        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var names) || !fields.TryGetValue("Signature", out var value) || credential.Length == 0 || value.Length == 0)
        {
            return false;
        }

        keyId = credential;
        signature = value;
        signedHeaders = names.Split(';', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return true;
    }

    private static string? Value(List<KeyValuePair<string, string>> pairs, string name) => pairs.FirstOrDefault(p => p.Key == name).Value;

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
