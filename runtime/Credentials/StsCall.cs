using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Credentials;

/// <summary>
/// The STS (<c>2015-04-01</c>, RPC style) calls the role sources make, sent as credentials-go sends them:
/// POST, the common parameters in the query, the role parameters in a form body, everything signed together
/// (AssumeRole) or nothing signed at all (AssumeRoleWithOIDC is anonymous).
/// </summary>
internal static class StsCall
{
    public const string Version = "2015-04-01";

    /// <summary>The STS endpoint: the explicit one, else the VPC or regional host of a region, else the global host.</summary>
    public static Uri Endpoint(DmsCredentialOptions options, CredentialEnvironment environment)
    {
        if (options.StsEndpoint is { } explicitEndpoint)
        {
            return explicitEndpoint;
        }

        var region = options.StsRegionId ?? environment.Get("ALIBABA_CLOUD_STS_REGION");
        if (region is null)
        {
            // As credentials-go and credentials-csharp: the VPC flag means nothing without a region.
            return new Uri("https://sts.aliyuncs.com/");
        }

        foreach (var c in region)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                throw new ArgumentException($"The STS region '{region}' is not a region id (letters, digits and '-').", nameof(options));
            }
        }

        var vpc = options.EnableVpc ?? IsTrue(environment.Get("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"));
        return new Uri($"https://sts{(vpc ? "-vpc" : string.Empty)}.{region.ToLowerInvariant()}.aliyuncs.com/");
    }

    public static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A signed AssumeRole request (HMAC-SHA1 with the source credential, as the runtime signs V1 calls).</summary>
    public static HttpRequestMessage AssumeRole(Uri endpoint, DmsCredential source, List<KeyValuePair<string, string>> form, DateTimeOffset now)
    {
        var query = Common("AssumeRole", now);
        query.Add(new("SignatureMethod", "HMAC-SHA1"));
        query.Add(new("SignatureVersion", "1.0"));
        query.Add(new("SignatureNonce", Guid.NewGuid().ToString("N")));
        query.Add(new("AccessKeyId", source.AccessKeyId));
        if (source.SecurityToken is { } token)
        {
            query.Add(new("SecurityToken", token));
        }

        var signed = new List<KeyValuePair<string, string>>(query.Count + form.Count);
        signed.AddRange(query);
        signed.AddRange(form);
        query.Add(new("Signature", RpcV1Signer.Signature(source.AccessKeySecret, RpcV1Signer.StringToSign("POST", signed))));
        return Post(endpoint, query, form);
    }

    /// <summary>An AssumeRoleWithOIDC request: anonymous, so no key id and no signature.</summary>
    public static HttpRequestMessage AssumeRoleWithOidc(Uri endpoint, List<KeyValuePair<string, string>> form, DateTimeOffset now) =>
        Post(endpoint, Common("AssumeRoleWithOIDC", now), form);

    /// <summary>The problem an STS error answer describes: status, Code, Message (secrets masked, cut) and RequestId.</summary>
    public static string Problem(CredentialAnswer answer, string what, DmsRedaction.SecretForms masks)
    {
        var text = new StringBuilder().Append(what).Append(" answered HTTP ").Append((int)answer.Status);
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            if (CredentialHttp.Text(root, "Code", what) is { } code)
            {
                text.Append(' ').Append(CredentialHttp.Cut(code, 100));
            }

            if (CredentialHttp.Text(root, "Message", what) is { } message)
            {
                // SignatureDoesNotMatch quotes the string to sign, which holds a source's STS token.
                text.Append(": ").Append(CredentialHttp.Cut(DmsRedaction.Redact(message, masks)!, 1000));
            }

            if (CredentialHttp.Text(root, "RequestId", what) is { } requestId)
            {
                text.Append(" (RequestId ").Append(CredentialHttp.Cut(requestId, 100)).Append(')');
            }
        }
        catch (System.Text.Json.JsonException)
        {
            text.Append(" with a body that is not JSON");
        }
        catch (DmsCredentialException)
        {
            text.Append(" with a field that is not text"); // an escaped lone surrogate (see CredentialHttp.Text)
        }

        return text.ToString();
    }

    private static List<KeyValuePair<string, string>> Common(string action, DateTimeOffset now) =>
    [
        new("Action", action),
        new("Format", "JSON"),
        new("Version", Version),
        new("Timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
    ];

    private static HttpRequestMessage Post(Uri endpoint, List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> form)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/?" + DmsHttpRequestFactory.EncodePairs(query)))
        {
            Content = new StringContent(DmsHttpRequestFactory.EncodePairs(form), Encoding.UTF8),
        };
        message.Content.Headers.ContentType = new(DmsHttpRequestFactory.FormContentType);
        message.Headers.Accept.ParseAdd("application/json");
        return message;
    }
}
