using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;

namespace Dms.Codegen.Credentials;

/// <summary>The parameters both STS role calls share, checked once when the source is made.</summary>
internal sealed record StsRole(Uri Endpoint, string RoleArn, string? SessionName, int DurationSeconds, string? Policy)
{
    public const string RoleArnVariable = "ALIBABA_CLOUD_ROLE_ARN";
    public const string SessionNameVariable = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

    public static StsRole Create(DmsCredentialOptions options, CredentialEnvironment environment, string? roleArn, string? sessionName, TimeSpan duration, string? policy)
    {
        roleArn ??= environment.Get(RoleArnVariable);
        if (string.IsNullOrWhiteSpace(roleArn))
        {
            throw new ArgumentException($"A role ARN is needed: set RoleArn or {RoleArnVariable}.", nameof(roleArn));
        }

        if (duration < TimeSpan.FromSeconds(900))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The session duration must be at least 900 s (15 minutes); at most the role's maximum session duration.");
        }

        sessionName ??= environment.Get(SessionNameVariable);
        if (sessionName is not null && (sessionName.Length is < 2 or > 64 || sessionName.AsSpan().IndexOfAnyExcept(SessionNameCharacters) >= 0))
        {
            throw new ArgumentException("A role session name has 2 to 64 letters, digits and '.', '@', '-', '_'.", nameof(sessionName));
        }

        return new StsRole(StsCall.Endpoint(options, environment), roleArn, sessionName, (int)duration.TotalSeconds, string.IsNullOrEmpty(policy) ? null : policy);
    }

    private static readonly System.Buffers.SearchValues<char> SessionNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@-_");

    /// <summary>RoleArn, RoleSessionName, DurationSeconds and Policy as form pairs.</summary>
    public List<KeyValuePair<string, string>> Form(TimeProvider time)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("RoleArn", RoleArn),
            new("RoleSessionName", SessionName ?? "dms-codegen-" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new("DurationSeconds", DurationSeconds.ToString(CultureInfo.InvariantCulture)),
        };
        if (Policy is not null)
        {
            form.Add(new("Policy", Policy));
        }

        return form;
    }

    /// <summary>The credential in a successful STS answer, or the error it describes.</summary>
    public static async Task<DmsCredential> ReadAsync(CredentialHttp http, System.Net.Http.HttpRequestMessage request, string source, string what, List<string> masks, string providerName, CancellationToken cancellationToken)
    {
        using (request)
        {
            var answer = await http.SendAsync(request, source, what, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                throw new DmsCredentialException(source, StsCall.Problem(answer, what, masks));
            }

            using var document = CredentialHttp.ParseObject(answer, source, what);
            if (!document.RootElement.TryGetProperty("Credentials", out var credentials))
            {
                throw new DmsCredentialException(source, $"{what} answered HTTP {(int)answer.Status} without Credentials");
            }

            return CredentialHttp.ReadCredential(credentials, source, what, providerName);
        }
    }
}

/// <summary>A RAM role assumed with STS <c>AssumeRole</c>, signed with the credential of any other source (a role too).</summary>
internal sealed class RamRoleArnCredentialProvider : RefreshingCredentialProvider
{
    private readonly IDmsCredentialProvider _source;
    private readonly StsRole _role;
    private readonly string? _externalId;
    private readonly CredentialHttp _http;

    public RamRoleArnCredentialProvider(IDmsCredentialProvider source, StsRole role, string? externalId, DmsCredentialOptions options)
        : base(options)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _role = role;
        _externalId = string.IsNullOrEmpty(externalId) ? null : externalId;
        _http = new CredentialHttp(options, metadata: false);
    }

    public override string Source => $"RAM role {_role.RoleArn} (from {_source.Source})";

    protected override async Task<DmsCredential> FetchAsync(CancellationToken cancellationToken)
    {
        var signer = await _source.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        var form = _role.Form(Time);
        if (_externalId is not null)
        {
            form.Add(new("ExternalId", _externalId));
        }

        var request = StsCall.AssumeRole(_role.Endpoint, signer, form, Time.GetUtcNow());
        var name = "ram_role_arn/" + (signer.ProviderName ?? "unknown");
        return await StsRole.ReadAsync(_http, request, Source, $"AssumeRole at {_role.Endpoint.Host}", DmsRedaction.Forms(signer, null), name, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An OIDC (RRSA) role assumed with the anonymous STS <c>AssumeRoleWithOIDC</c>; the token file is read on every refresh.</summary>
internal sealed class OidcRoleCredentialProvider : RefreshingCredentialProvider
{
    public const string ProviderArnVariable = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
    public const string TokenFileVariable = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

    private readonly StsRole _role;
    private readonly string _providerArn;
    private readonly string _tokenFile;
    private readonly CredentialHttp _http;

    public OidcRoleCredentialProvider(DmsOidcRoleOptions role, DmsCredentialOptions options, CredentialEnvironment environment)
        : base(options)
    {
        _role = StsRole.Create(options, environment, role.RoleArn, role.RoleSessionName, role.Duration, role.Policy);
        _providerArn = role.OidcProviderArn ?? environment.Get(ProviderArnVariable)
            ?? throw new ArgumentException($"An OIDC provider ARN is needed: set OidcProviderArn or {ProviderArnVariable}.", nameof(role));
        _tokenFile = role.OidcTokenFile ?? environment.Get(TokenFileVariable)
            ?? throw new ArgumentException($"An OIDC token file is needed: set OidcTokenFile or {TokenFileVariable}.", nameof(role));
        _http = new CredentialHttp(options, metadata: false);
    }

    // The token is masked in every spelling a secret is, should STS quote it back.
    private static List<string> Masks(string token) => DmsRedaction.Forms(new DmsCredential("oidc", token), null);

    public override string Source => $"OIDC role {_role.RoleArn} (token file {_tokenFile})";

    protected override async Task<DmsCredential> FetchAsync(CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(_tokenFile, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DmsCredentialException(Source, $"the OIDC token file could not be read ({exception.GetType().Name}: {exception.Message})", exception);
        }

        if (token.Length == 0)
        {
            throw new DmsCredentialException(Source, "the OIDC token file is empty");
        }

        var form = _role.Form(Time);
        form.Insert(1, new("OIDCProviderArn", _providerArn));
        form.Insert(2, new("OIDCToken", token));
        var request = StsCall.AssumeRoleWithOidc(_role.Endpoint, form, Time.GetUtcNow());
        return await StsRole.ReadAsync(_http, request, Source, $"AssumeRoleWithOIDC at {_role.Endpoint.Host}", Masks(token), "oidc_role_arn", cancellationToken).ConfigureAwait(false);
    }
}
