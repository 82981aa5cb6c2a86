using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Fakes;

/// <summary>How a <see cref="FakeMetadataService"/> behaves.</summary>
public sealed class FakeMetadataOptions
{
    /// <summary>The RAM role attached to the fake instance (default <c>fake-ecs-role</c>); null: none attached.</summary>
    public string? RoleName { get; set; } = "fake-ecs-role";

    /// <summary>Hardened mode: every metadata GET needs an IMDSv2 token (without one: HTTP 403).</summary>
    public bool RequireToken { get; set; }

    /// <summary>Whether <c>PUT /latest/api/token</c> works (default true); false answers it with HTTP 404, like a service without IMDSv2.</summary>
    public bool SupportsToken { get; set; } = true;

    /// <summary>How long each credential lives (default 6 hours).</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The clock expirations are computed with.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>
/// A loopback ECS instance metadata service: <c>PUT /latest/api/token</c> (IMDSv2, TTL header required),
/// <c>GET /latest/meta-data/ram/security-credentials/</c> (the role name) and
/// <c>GET /latest/meta-data/ram/security-credentials/&lt;role&gt;</c> (the role's credential, <c>Code: Success</c>).
/// Point <c>DmsCredentialOptions.MetadataEndpoint</c> at <see cref="CredentialFake.Endpoint"/>. Scripted answers
/// replace the answer to the role's credentials.
/// </summary>
public sealed class FakeMetadataService : CredentialFake
{
    /// <summary>The path of the role listing; a role's credentials are under it.</summary>
    public const string CredentialsPath = "/latest/meta-data/ram/security-credentials/";

    private readonly FakeMetadataOptions _options;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);

    private FakeMetadataService(FakeMetadataOptions options)
        : base(options.TimeProvider) => _options = options;

    /// <summary>Starts the fake on 127.0.0.1 on a free port.</summary>
    public static async Task<FakeMetadataService> StartAsync(FakeMetadataOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fake = new FakeMetadataService(options ?? new FakeMetadataOptions());
        await fake.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        return fake;
    }

    private protected override bool IsCredentialRequest(FakeRequest request) =>
        request.Method == "GET" && request.Path.StartsWith(CredentialsPath, StringComparison.Ordinal) && request.Path.Length > CredentialsPath.Length;

    private protected override async Task AnswerAsync(HttpContext context, IncomingRequest incoming, FakeRequest request)
    {
        if (request.Path == "/latest/api/token")
        {
            await TokenAsync(context, request).ConfigureAwait(false);
            return;
        }

        if (request.Method != "GET" || !request.Path.StartsWith(CredentialsPath, StringComparison.Ordinal))
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        // A wrong or expired token is refused even outside hardened mode; no token is refused only in it.
        var token = request.Header("X-aliyun-ecs-metadata-token");
        if (token is null ? _options.RequireToken : !(_tokens.TryGetValue(token, out var until) && Time.GetUtcNow() < until))
        {
            context.Response.StatusCode = (int)(token is null ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized);
            return;
        }

        var role = Uri.UnescapeDataString(request.Path[CredentialsPath.Length..]);
        if (_options.RoleName is null || (role.Length > 0 && role != _options.RoleName))
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        if (role.Length == 0)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(_options.RoleName).ConfigureAwait(false);
            return;
        }

        var issued = Issue(_options.CredentialLifetime, "EcsMetadata", role);
        await WriteJsonAsync(context, Answer(issued, Time.GetUtcNow())).ConfigureAwait(false);
    }

    private async Task TokenAsync(HttpContext context, FakeRequest request)
    {
        if (!_options.SupportsToken || request.Method != "PUT")
        {
            context.Response.StatusCode = (int)(_options.SupportsToken ? HttpStatusCode.MethodNotAllowed : HttpStatusCode.NotFound);
            return;
        }

        if (!int.TryParse(request.Header("X-aliyun-ecs-metadata-token-ttl-seconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) || ttl is < 1 or > 21600)
        {
            context.Response.StatusCode = (int)HttpStatusCode.BadRequest;
            return;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = Time.GetUtcNow().AddSeconds(ttl);
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(token).ConfigureAwait(false);
    }

    internal static string Answer(FakeIssuedCredential issued, DateTimeOffset now)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("AccessKeyId", issued.AccessKeyId);
            writer.WriteString("AccessKeySecret", issued.AccessKeySecret);
            writer.WriteString("Expiration", issued.ExpirationText);
            writer.WriteString("SecurityToken", issued.SecurityToken);
            writer.WriteString("LastUpdated", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("Code", "Success");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
