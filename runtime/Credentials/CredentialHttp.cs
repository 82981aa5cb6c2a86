using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>An answer of a credential service: its status and (bounded) text.</summary>
internal readonly record struct CredentialAnswer(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// Sends the requests of the sources that fetch credentials: one timeout per request through the
/// TimeProvider, a bounded answer, and failures as <see cref="DmsCredentialException"/> naming the source.
/// </summary>
internal sealed class CredentialHttp
{
    /// <summary>Credential answers are a few kilobytes; anything far larger is not one.</summary>
    private const int MaxAnswerBytes = 64 * 1024;

    // No redirects, as in DMS calls: AssumeRole is signed with the source key (and carries its STS token), and
    // would be resent to whatever host the Location names.
    private static readonly Lazy<HttpMessageHandler> Shared = new(() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
    });

    // The metadata service is link-local: never through a proxy, and a machine without one is told within a second.
    private static readonly Lazy<HttpMessageHandler> Metadata = new(() => new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false, // the metadata token header must not leave the link-local service either
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    });

    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public CredentialHttp(DmsCredentialOptions options, bool metadata)
    {
        var handler = options.HttpHandler ?? (metadata ? Metadata.Value : Shared.Value);
        _client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _time = options.TimeProvider;
        _timeout = metadata ? options.MetadataTimeout : options.RequestTimeout;
    }

    /// <summary>Sends <paramref name="request"/>; <paramref name="what"/> names it in errors (e.g. "AssumeRole at https://sts.aliyuncs.com").</summary>
    public async Task<CredentialAnswer> SendAsync(HttpRequestMessage request, string source, string what, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            return new CredentialAnswer(response.StatusCode, await ReadBoundedAsync(stream, source, what, linked.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DmsCredentialException(source, $"{what} did not answer within {_timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new DmsCredentialException(source, $"{what} could not be reached ({exception.Message})", exception);
        }
    }

    /// <summary>The answer as a JSON object, or an error naming the source; never quotes the body (it may hold a secret).</summary>
    public static JsonDocument ParseObject(CredentialAnswer answer, string source, string what)
    {
        try
        {
            var document = JsonDocument.Parse(answer.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw new DmsCredentialException(source, $"{what} answered HTTP {(int)answer.Status} with a body that is not a JSON object");
    }

    /// <summary>A credential from <c>AccessKeyId</c>, <c>AccessKeySecret</c>, <c>SecurityToken</c> and <c>Expiration</c> members.</summary>
    public static DmsCredential ReadCredential(JsonElement element, string source, string what, string providerName, bool tokenRequired = true)
    {
        var id = Text(element, "AccessKeyId", source);
        var secret = Text(element, "AccessKeySecret", source);
        var token = Text(element, "SecurityToken", source);
        var expiration = Text(element, "Expiration", source);
        var missing = id is null ? "AccessKeyId" : secret is null ? "AccessKeySecret" : token is null && tokenRequired ? "SecurityToken" : expiration is null ? "Expiration" : null;
        if (missing is not null)
        {
            throw new DmsCredentialException(source, $"{what} answered without {missing}");
        }

        if (!DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires))
        {
            throw new DmsCredentialException(source, $"{what} answered with an Expiration that is not a UTC time ('{Cut(expiration!, 40)}')");
        }

        return new DmsCredential(id!, secret!, token, expires, providerName);
    }

    /// <summary>A string member, or null when it is absent, not a string or empty.</summary>
    public static string? Text(JsonElement element, string name, string source)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString() is { Length: > 0 } text ? text : null;
        }
        catch (InvalidOperationException exception)
        {
            // Valid JSON, but an escaped lone surrogate ("\ud800") is no text; the value is not quoted (it may be a secret).
            throw new DmsCredentialException(source, $"{name} holds an escaped lone surrogate, which is not text", exception);
        }
    }

    public static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "...";

    private static async Task<string> ReadBoundedAsync(Stream stream, string source, string what, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var collected = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (collected.Length + read > MaxAnswerBytes)
            {
                throw new DmsCredentialException(source, $"{what} answered with more than {MaxAnswerBytes / 1024} KiB, which is not a credential");
            }

            collected.Write(buffer, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(collected.GetBuffer(), 0, (int)collected.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new DmsCredentialException(source, $"{what} answered with text that is not UTF-8");
        }
    }
}
