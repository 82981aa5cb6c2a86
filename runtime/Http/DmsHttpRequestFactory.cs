using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Dms.Codegen.Credentials;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Http;

/// <summary>
/// Turns a <see cref="DmsRequest"/> into a signed <see cref="HttpRequestMessage"/>. Called once per attempt,
/// so every attempt has a fresh timestamp, nonce and signature.
/// </summary>
public static class DmsHttpRequestFactory
{
    /// <summary>The form body's content type (signed in V3, so it must be exactly this).</summary>
    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>Builds the signed request for one attempt.</summary>
    public static HttpRequestMessage Create(DmsRequest request, Uri endpoint, DmsCredential credential, DmsSignatureVersion version, DateTimeOffset now, string nonce, string? userAgent) =>
        Create(request, endpoint, credential, version, now, nonce, userAgent, out _);

    /// <summary>Builds the signed request for one attempt and returns its signature, so that it can be masked in anything the server echoes.</summary>
    internal static HttpRequestMessage Create(DmsRequest request, Uri endpoint, DmsCredential credential, DmsSignatureVersion version, DateTimeOffset now, string nonce, string? userAgent, out string signature)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        var body = request.Form.Count == 0 ? null : Encoding.UTF8.GetBytes(EncodePairs(request.Form));
        var message = version == DmsSignatureVersion.V3
            ? CreateV3(request, endpoint, credential, body, now, nonce, out signature)
            : CreateV1(request, endpoint, credential, body, now, nonce, out signature);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(userAgent))
        {
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return message;
    }

    /// <summary><c>name=value</c> pairs, RFC 3986-encoded, joined with <c>&amp;</c>: the form body and query string.</summary>
    public static string EncodePairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = new StringBuilder(EstimateLength(pairs));
        AppendPairs(builder, pairs);
        return builder.ToString();
    }

    // Unencoded length plus separators: exact for the usual ASCII names and values, so the builder rarely grows.
    private static int EstimateLength(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var length = 0;
        foreach (var pair in pairs)
        {
            length += pair.Key.Length + pair.Value.Length + 2;
        }

        return length;
    }

    private static void AppendPairs(StringBuilder builder, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var first = true;
        foreach (var pair in pairs)
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            PercentEncoder.Append(builder, pair.Key);
            builder.Append('=');
            PercentEncoder.Append(builder, pair.Value);
        }
    }

    /// <summary>UTC <c>yyyy-MM-ddTHH:mm:ssZ</c>, as both signatures require.</summary>
    public static string FormatTimestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static HttpRequestMessage CreateV3(DmsRequest request, Uri endpoint, DmsCredential credential, byte[]? body, DateTimeOffset now, string nonce, out string signature)
    {
        var message = new HttpRequestMessage(request.Method, BuildUri(endpoint, request.Query));
        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", endpoint.Authority),
            new("x-acs-action", request.Action),
            new("x-acs-version", request.Version),
            new("x-acs-date", FormatTimestamp(now)),
            new("x-acs-signature-nonce", nonce),
            new("x-acs-content-sha256", body is null ? Acs3Signer.EmptyBodyHash : Acs3Signer.HashPayload(body)),
        };
        if (credential.SecurityToken is { } token)
        {
            headers.Add(new("x-acs-security-token", token));
            headers.Add(new("x-acs-accesskey-id", credential.AccessKeyId));
        }

        if (body is not null)
        {
            headers.Add(new("content-type", FormContentType));
        }

        var hashed = headers.Find(h => h.Key == "x-acs-content-sha256").Value;
        var canonical = Acs3Signer.CanonicalRequest(request.Method.Method, "/", request.Query, headers, hashed, out var signedHeaders);
        signature = Acs3Signer.Signature(credential.AccessKeySecret, Acs3Signer.StringToSign(canonical));
        foreach (var (name, value) in headers)
        {
            if (name is not ("host" or "content-type"))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", Acs3Signer.Authorization(credential.AccessKeyId, signedHeaders, signature));
        message.Content = Body(body);
        return message;
    }

    private static HttpRequestMessage CreateV1(DmsRequest request, Uri endpoint, DmsCredential credential, byte[]? body, DateTimeOffset now, string nonce, out string signature)
    {
        var query = new List<KeyValuePair<string, string>>(request.Query)
        {
            new("Action", request.Action),
            new("Version", request.Version),
            new("Format", "JSON"),
            new("AccessKeyId", credential.AccessKeyId),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureVersion", "1.0"),
            new("SignatureNonce", nonce),
            new("Timestamp", FormatTimestamp(now)),
        };
        if (credential.SecurityToken is { } token)
        {
            query.Add(new("SecurityToken", token));
        }

        // V1 signs the query and the form body together.
        var signed = new List<KeyValuePair<string, string>>(query);
        signed.AddRange(request.Form);
        signature = RpcV1Signer.Signature(credential.AccessKeySecret, RpcV1Signer.StringToSign(request.Method.Method, signed));
        query.Add(new("Signature", signature));
        return new HttpRequestMessage(request.Method, BuildUri(endpoint, query)) { Content = Body(body) };
    }

    private static ByteArrayContent? Body(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }

        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", FormContentType);
        return content;
    }

    private static Uri BuildUri(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        // One buffer for the whole URI text: scheme, authority, "/" and the encoded query.
        var builder = new StringBuilder(endpoint.Scheme.Length + endpoint.Authority.Length + 5 + EstimateLength(query))
            .Append(endpoint.Scheme).Append("://").Append(endpoint.Authority).Append('/');
        if (query.Count > 0)
        {
            builder.Append('?');
            AppendPairs(builder, query);
        }

        return new Uri(builder.ToString());
    }
}
