using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// The RAM role attached to an ECS instance, from the instance metadata service: an IMDSv2 session token
/// first (<c>PUT /latest/api/token</c>), the role name discovered when none is configured, then the role's
/// temporary credential. Each metadata request may take <see cref="DmsCredentialOptions.MetadataTimeout"/>.
/// </summary>
internal sealed class EcsRamRoleCredentialProvider : RefreshingCredentialProvider
{
    public const string DisabledVariable = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
    public const string RoleNameVariable = "ALIBABA_CLOUD_ECS_METADATA";
    public const string ImdsV1DisabledVariable = "ALIBABA_CLOUD_IMDSV1_DISABLED";
    private const string CredentialsPath = "latest/meta-data/ram/security-credentials/";

    private readonly string? _roleName;
    private readonly bool _imdsV1Disabled;
    private readonly Uri _endpoint;
    private readonly CredentialHttp _http;

    public EcsRamRoleCredentialProvider(string? roleName, DmsCredentialOptions options, CredentialEnvironment environment)
        : base(options)
    {
        _roleName = string.IsNullOrWhiteSpace(roleName) ? environment.Get(RoleNameVariable) : roleName;
        if (_roleName is not null && (_roleName.Contains('/') || _roleName.Contains('?') || _roleName.Contains('#')))
        {
            throw new ArgumentException($"'{_roleName}' is not a RAM role name.", nameof(roleName));
        }

        _imdsV1Disabled = options.DisableImdsV1 ?? StsCall.IsTrue(environment.Get(ImdsV1DisabledVariable));
        _endpoint = options.MetadataEndpoint;
        _http = new CredentialHttp(options, metadata: true);
    }

    public override string Source => $"ECS instance RAM role{(_roleName is null ? string.Empty : " " + _roleName)} (metadata service {_endpoint.Authority})";

    protected override async Task<DmsCredential> FetchAsync(CancellationToken cancellationToken)
    {
        var token = await SessionTokenAsync(cancellationToken).ConfigureAwait(false);
        var role = _roleName ?? await DiscoverRoleAsync(token, cancellationToken).ConfigureAwait(false);
        var answer = await GetAsync(CredentialsPath + Uri.EscapeDataString(role), token, "the role's credentials", cancellationToken).ConfigureAwait(false);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            throw new DmsCredentialException(Source, $"the instance has no RAM role named '{role}'");
        }

        const string what = "the metadata service";
        if (!answer.IsSuccess)
        {
            throw new DmsCredentialException(Source, $"{what} answered HTTP {(int)answer.Status} for the role's credentials");
        }

        using var document = CredentialHttp.ParseObject(answer, Source, what);
        if (CredentialHttp.Text(document.RootElement, "Code", Source) is var code && code != "Success")
        {
            throw new DmsCredentialException(Source, $"{what} answered Code '{CredentialHttp.Cut(code ?? "(none)", 60)}' instead of 'Success'");
        }

        return CredentialHttp.ReadCredential(document.RootElement, Source, what, "ecs_ram_role");
    }

    /// <summary>
    /// The IMDSv2 token, or null to fall back to IMDSv1. A service that does not answer at all ends the step
    /// at once: falling back would only wait for a second timeout.
    /// </summary>
    private async Task<string?> SessionTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_endpoint, "latest/api/token"));
        request.Headers.TryAddWithoutValidation("X-aliyun-ecs-metadata-token-ttl-seconds", "21600");
        var answer = await _http.SendAsync(request, Source, $"the metadata service at {_endpoint.Authority}", cancellationToken).ConfigureAwait(false);
        if (answer.IsSuccess && answer.Body.Trim() is { Length: > 0 } token)
        {
            return token;
        }

        if (_imdsV1Disabled)
        {
            throw new DmsCredentialException(Source, $"the metadata service gave no IMDSv2 session token (HTTP {(int)answer.Status}) and the IMDSv1 fallback is disabled ({ImdsV1DisabledVariable} or DisableImdsV1)");
        }

        return null;
    }

    private async Task<string> DiscoverRoleAsync(string? token, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(CredentialsPath, token, "the role name", cancellationToken).ConfigureAwait(false);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            throw new DmsCredentialException(Source, "the instance has no RAM role attached");
        }

        if (!answer.IsSuccess)
        {
            throw new DmsCredentialException(Source, $"the metadata service answered HTTP {(int)answer.Status} when asked for the role name{(token is null ? " without an IMDSv2 token (is the instance in hardened mode?)" : string.Empty)}");
        }

        // The listing has one role per line; an instance has at most one.
        var name = answer.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..] ? first : null;
        if (name is null || name.Contains('/'))
        {
            throw new DmsCredentialException(Source, "the metadata service listed no usable RAM role name");
        }

        return name;
    }

    private async Task<CredentialAnswer> GetAsync(string path, string? token, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_endpoint, path));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-aliyun-ecs-metadata-token", token);
        }

        return await _http.SendAsync(request, Source, $"the metadata service ({what})", cancellationToken).ConfigureAwait(false);
    }
}
