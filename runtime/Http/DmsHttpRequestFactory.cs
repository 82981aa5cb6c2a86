using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using Dms.Codegen.Credentials;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Http;

/// <summary>
/// Signs DMS requests: the one place that turns a <see cref="DmsRequest"/> into the URI, headers and body of a
/// signed <see cref="HttpRequestMessage"/>. Called once per attempt, so every attempt has a fresh timestamp,
/// nonce and signature.
/// </summary>
public static class DmsHttpRequestFactory
{
    /// <summary>The form body's content type (signed in V3, so it must be exactly this).</summary>
    public const string FormContentType = "application/x-www-form-urlencoded";

    internal const string NonceHeader = "x-acs-signature-nonce";

    // Every header a V3 signing sets, so that signing a message again replaces them all.
    private static readonly string[] V3Headers =
    {
        "x-acs-action", "x-acs-version", "x-acs-date", NonceHeader, "x-acs-content-sha256",
        "x-acs-security-token", "x-acs-accesskey-id", "Authorization",
    };

    // The query is sent exactly as it was encoded and signed: our encoding is already canonical (RFC 3986, upper-case
    // hex, no escaped unreserved characters), so Uri's canonicalization could change nothing but costs about 1 µs per
    // V1 attempt (a 450-character query, parsed anew for every nonce).
    private static readonly UriCreationOptions AsSigned = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private static Timestamp? s_lastTimestamp;

    private static EndpointText? s_lastEndpoint;

    // Signing is synchronous, so one list per thread serves every attempt; cleared after use so no value stays referenced.
    [ThreadStatic]
    private static List<KeyValuePair<string, string>>? t_pairs;

    /// <summary>Builds the signed request for one attempt.</summary>
    public static HttpRequestMessage Create(DmsRequest request, Uri endpoint, DmsCredential credential, DmsSignatureVersion version, DateTimeOffset now, string nonce, string? userAgent)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        var message = new HttpRequestMessage(request.Method, endpoint);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(userAgent))
        {
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        var body = request.Form.Count == 0 ? null : Encoding.UTF8.GetBytes(EncodePairs(request.Form));
        var hash = version == DmsSignatureVersion.V3 ? Acs3Signer.HashPayload(body) : string.Empty;
        Sign(message, request, body, hash, endpoint, credential, version, now, nonce, resign: false);
        return message;
    }

    /// <summary>Signs <paramref name="message"/> for the context's request; returns the signature so that it can be masked in anything the server echoes.</summary>
    internal static string Sign(HttpRequestMessage message, DmsSigningContext context, Uri endpoint, DmsCredential credential, DmsSignatureVersion version, DateTimeOffset now, string nonce, bool resign) =>
        Sign(message, context.Request, context.Body, context.BodyHash, endpoint, credential, version, now, nonce, resign);

    private static string Sign(HttpRequestMessage message, DmsRequest request, byte[]? body, string bodyHash, Uri endpoint, DmsCredential credential, DmsSignatureVersion version, DateTimeOffset now, string nonce, bool resign)
    {
        if (resign)
        {
            foreach (var name in V3Headers)
            {
                message.Headers.Remove(name);
            }
        }

        // The bytes are the same for every attempt; a message signed again keeps its content.
        if (body is not null && message.Content is null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", FormContentType);
            message.Content = content;
        }

        return version == DmsSignatureVersion.V3
            ? SignV3(message, request, endpoint, credential, body is not null, bodyHash, now, nonce)
            : SignV1(message, request, endpoint, credential, now, nonce);
    }

    /// <summary>Takes the signature back off a message that has been sent, so that handlers further out (which see it again on a retry, or log it afterwards) never see a used signature or a token.</summary>
    internal static void Unsign(HttpRequestMessage message, DmsRequest request, Uri endpoint)
    {
        foreach (var name in V3Headers)
        {
            message.Headers.Remove(name);
        }

        message.RequestUri = BuildUri(endpoint, request.Query);
    }

    /// <summary><c>name=value</c> pairs, RFC 3986-encoded, joined with <c>&amp;</c>: the form body and query string.</summary>
    public static string EncodePairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = SigningText.Builder();
        AppendPairs(builder, pairs);
        return SigningText.ToStringAndKeep(builder);
    }

    private static void AppendPairs(StringBuilder builder, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var first = true;
        foreach (var pair in SigningText.Each(pairs))
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
    public static string FormatTimestamp(DateTimeOffset time)
    {
        // Every attempt within the same second has the same text: formatted once per second, not per attempt.
        var second = time.UtcTicks / TimeSpan.TicksPerSecond;
        if (Volatile.Read(ref s_lastTimestamp) is { } last && last.Second == second)
        {
            return last.Text;
        }

        var text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Volatile.Write(ref s_lastTimestamp, new Timestamp(second, text));
        return text;
    }

    private static string SignV3(HttpRequestMessage message, DmsRequest request, Uri endpoint, DmsCredential credential, bool hasBody, string bodyHash, DateTimeOffset now, string nonce)
    {
        message.RequestUri = BuildUri(endpoint, request.Query);
        var headers = Pairs();
        headers.Add(new("host", Texts(endpoint).Authority));
        headers.Add(new("x-acs-action", request.Action));
        headers.Add(new("x-acs-version", request.Version));
        headers.Add(new("x-acs-date", FormatTimestamp(now)));
        headers.Add(new(NonceHeader, nonce));
        headers.Add(new("x-acs-content-sha256", bodyHash));
        if (credential.SecurityToken is { } token)
        {
            headers.Add(new("x-acs-security-token", token));
            headers.Add(new("x-acs-accesskey-id", credential.AccessKeyId));
        }

        if (hasBody)
        {
            headers.Add(new("content-type", FormContentType));
        }

        var signature = Acs3Signer.Signature(credential, request.Method.Method, "/", request.Query, headers, bodyHash, out var signedHeaders);
        foreach (var (name, value) in headers)
        {
            if (name is not ("host" or "content-type"))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        headers.Clear();
        message.Headers.TryAddWithoutValidation("Authorization", Acs3Signer.Authorization(credential.AccessKeyId, signedHeaders, signature));
        return signature;
    }

    private static string SignV1(HttpRequestMessage message, DmsRequest request, Uri endpoint, DmsCredential credential, DateTimeOffset now, string nonce)
    {
        var query = Pairs();
        query.AddRange(request.Query);
        query.Add(new("Action", request.Action));
        query.Add(new("Version", request.Version));
        query.Add(new("Format", "JSON"));
        query.Add(new("AccessKeyId", credential.AccessKeyId));
        query.Add(new("SignatureMethod", "HMAC-SHA1"));
        query.Add(new("SignatureVersion", "1.0"));
        query.Add(new("SignatureNonce", nonce));
        query.Add(new("Timestamp", FormatTimestamp(now)));
        if (credential.SecurityToken is { } token)
        {
            query.Add(new("SecurityToken", token));
        }

        // V1 signs the query and the form body together: the form's pairs go at the end for signing only.
        var queryCount = query.Count;
        query.AddRange(request.Form);
        var signature = RpcV1Signer.Signature(credential, request.Method.Method, query);
        query.RemoveRange(queryCount, query.Count - queryCount);
        query.Add(new("Signature", signature));
        message.RequestUri = BuildUri(endpoint, query);
        query.Clear();
        return signature;
    }

    private static Uri BuildUri(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var texts = Texts(endpoint);
        if (query.Count == 0)
        {
            return texts.Root; // a Uri is immutable, so every message may share it
        }

        // One buffer for the whole URI text: scheme, authority, "/" and the encoded query.
        var builder = SigningText.Builder().Append(texts.Root.OriginalString).Append('?');
        AppendPairs(builder, query);
        return new Uri(SigningText.ToStringAndKeep(builder), AsSigned);
    }

    /// <summary>This thread's empty list of pairs; the caller clears it when done.</summary>
    private static List<KeyValuePair<string, string>> Pairs()
    {
        var pairs = t_pairs ??= new List<KeyValuePair<string, string>>(16);
        pairs.Clear();
        return pairs;
    }

    // Uri.Authority builds a new string on every read: the endpoint's texts are made once per endpoint.
    private static EndpointText Texts(Uri endpoint)
    {
        if (Volatile.Read(ref s_lastEndpoint) is { } last && ReferenceEquals(last.Endpoint, endpoint))
        {
            return last;
        }

        var texts = new EndpointText(endpoint, endpoint.Authority, new Uri(endpoint.Scheme + "://" + endpoint.Authority + "/"));
        Volatile.Write(ref s_lastEndpoint, texts);
        return texts;
    }

    private sealed record Timestamp(long Second, string Text);

    private sealed record EndpointText(Uri Endpoint, string Authority, Uri Root);
}
