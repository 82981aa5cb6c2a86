using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Signing;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>
/// Requests signed by hand with the runtime's signing functions and sent with a bare HttpClient, so that the
/// emulator is tested apart from the client pipeline, and every part of a request can be bent on purpose.
/// </summary>
internal sealed class RawRequest
{
    public RawRequest(string action, params (string Name, string Value)[] query)
    {
        Action = action;
        Query.AddRange(query.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
    }

    public string Action { get; set; }

    public string Version { get; set; } = "2018-11-01";

    public List<KeyValuePair<string, string>> Query { get; } = new();

    public List<KeyValuePair<string, string>> Form { get; } = new();

    public string KeyId { get; set; } = DmsEmulatorOptions.DefaultAccessKeyId;

    public string Secret { get; set; } = DmsEmulatorOptions.DefaultAccessKeySecret;

    public DateTimeOffset Time { get; set; } = DateTimeOffset.UtcNow;

    public string Nonce { get; set; } = Guid.NewGuid().ToString("N");

    public Dictionary<string, string> ExtraHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public RawRequest WithForm(string name, string value)
    {
        Form.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public RawRequest WithFault(string fault)
    {
        ExtraHeaders[DmsEmulator.FaultHeader] = fault;
        return this;
    }

    /// <summary>A V3 (ACS3-HMAC-SHA256) request; <paramref name="tamper"/> may change it after signing.</summary>
    public HttpRequestMessage V3(Uri endpoint, Action<HttpRequestMessage>? tamper = null)
    {
        var body = Encoding.UTF8.GetBytes(Encode(Form));
        var uri = new Uri(endpoint, "/" + (Query.Count > 0 ? "?" + Encode(Query) : string.Empty));
        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", uri.Authority),
            new("x-acs-action", Action),
            new("x-acs-version", Version),
            new("x-acs-date", Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("x-acs-signature-nonce", Nonce),
            new("x-acs-content-sha256", Acs3Signer.HashPayload(body)),
        };
        if (body.Length > 0)
        {
            headers.Add(new("content-type", "application/x-www-form-urlencoded"));
        }

        var canonical = Acs3Signer.CanonicalRequest("POST", "/", Query, headers, Acs3Signer.HashPayload(body), out var signedHeaders);
        var signature = Acs3Signer.Signature(Secret, Acs3Signer.StringToSign(canonical));
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Content(body) };
        foreach (var (name, value) in headers.Where(h => h.Key is not "host" and not "content-type"))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("Authorization", Acs3Signer.Authorization(KeyId, signedHeaders, signature));
        AddExtraHeaders(message);
        tamper?.Invoke(message);
        return message;
    }

    /// <summary>A V1 (HMAC-SHA1) request: common parameters and the signature in the query, <see cref="Form"/> in the body.</summary>
    public HttpRequestMessage V1(Uri endpoint, Action<List<KeyValuePair<string, string>>>? tamperQuery = null)
    {
        var query = new List<KeyValuePair<string, string>>(Query)
        {
            new("Action", Action),
            new("Version", Version),
            new("Format", "JSON"),
            new("AccessKeyId", KeyId),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureVersion", "1.0"),
            new("SignatureNonce", Nonce),
            new("Timestamp", Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
        query.Add(new("Signature", RpcV1Signer.Signature(Secret, RpcV1Signer.StringToSign("POST", query.Concat(Form)))));
        tamperQuery?.Invoke(query);
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/?" + Encode(query))) { Content = Content(Encoding.UTF8.GetBytes(Encode(Form))) };
        AddExtraHeaders(message);
        return message;
    }

    /// <summary>A V1 request as older SDKs send it: every parameter, the signature too, in the form body.</summary>
    public HttpRequestMessage V1AllInBody(Uri endpoint)
    {
        var query = new List<KeyValuePair<string, string>>();
        var signed = V1(endpoint, pairs => query.AddRange(pairs));
        signed.Dispose();
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Content(Encoding.UTF8.GetBytes(Encode(query.Concat(Form)))) };
        AddExtraHeaders(message);
        return message;
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join("&", pairs.Select(p => PercentEncoder.Encode(p.Key) + "=" + PercentEncoder.Encode(p.Value)));

    private static ByteArrayContent? Content(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        return content;
    }

    private void AddExtraHeaders(HttpRequestMessage message)
    {
        foreach (var (name, value) in ExtraHeaders)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
    }
}

/// <summary>An answer read whole: status, headers and the parsed JSON body (when it parses).</summary>
internal sealed record RawAnswer(HttpStatusCode Status, string Body, HttpResponseMessage Response)
{
    public static async Task<RawAnswer> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            var response = await http.SendAsync(request);
            return new RawAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
        }
    }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Code => Json.TryGetProperty("Code", out var code) ? code.GetString() : null;

    public string Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    /// <summary>Asserts an error in Alibaba's shape with this code and status.</summary>
    public RawAnswer AssertError(HttpStatusCode status, string code)
    {
        Assert.True(Status == status && Code == code, $"expected {(int)status} {code}, got {(int)Status} {Body}");
        foreach (var member in new[] { "RequestId", "HostId", "Code", "Message", "Recommend" })
        {
            Assert.Equal(JsonValueKind.String, Json.GetProperty(member).ValueKind);
        }

        Assert.Equal(Json.GetProperty("RequestId").GetString(), Header("x-acs-request-id"));
        Assert.Equal(Encoding.UTF8.GetByteCount(Body), Response.Content.Headers.ContentLength);
        return this;
    }

    public string Message => Json.GetProperty("Message").GetString()!;
}
