using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// The INI file <c>~/.alibabacloud/credentials</c> (credentials-go's name; credentials-csharp's
/// <c>credentials.ini</c> is read when only it exists), path overridden by <c>ALIBABA_CLOUD_CREDENTIALS_FILE</c>,
/// section <c>ALIBABA_CLOUD_PROFILE</c> or <c>default</c>. Every <c>type</c> of the official libraries but the
/// legacy <c>rsa_key_pair</c> and <c>bearer</c>.
/// </summary>
internal sealed class IniFileCredentialProvider : IDmsCredentialProvider
{
    public const string FileVariable = "ALIBABA_CLOUD_CREDENTIALS_FILE";

    private readonly string[] _candidates;
    private readonly string _profile;
    private readonly DmsCredentialOptions _options;
    private readonly CredentialEnvironment _environment;
    private readonly CredentialFileCache _cache = new();

    public IniFileCredentialProvider(CredentialEnvironment environment, DmsCredentialOptions options, string? path = null, string? profile = null)
    {
        _environment = environment;
        _options = options;
        _candidates = (path ?? environment.Get(FileVariable)) is { } chosen
            ? [chosen]
            : [environment.Home(".alibabacloud", "credentials"), environment.Home(".alibabacloud", "credentials.ini")];
        _profile = profile ?? environment.Get("ALIBABA_CLOUD_PROFILE") ?? "default";
    }

    public string Source => $"credentials file {Path()} [{_profile}]";

    public async ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var path = Path();
        if (_candidates.Length > 1 && !File.Exists(path))
        {
            throw new DmsCredentialException(Source, $"the file does not exist, nor {_candidates[1]}");
        }

        var inner = await _cache.GetAsync(path, Source, ct => LoadAsync(path, ct), cancellationToken).ConfigureAwait(false);
        return await inner.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
    }

    public override string ToString() => Source;

    // The first candidate that exists, else the first (whose absence the error then names).
    private string Path() => Array.Find(_candidates, File.Exists) ?? _candidates[0];

    private async ValueTask<IDmsCredentialProvider> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        var section = ReadSection(lines, _profile) ?? throw new DmsCredentialException(Source, $"the file has no section [{_profile}]");
        string? Value(string key) => section.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        string Required(string key) => Value(key) ?? throw new DmsCredentialException(Source, $"type {Value("type") ?? "access_key"} needs {key}");
        var sts = _options.ForSts(Value("sts_region"), Value("enable_vpc") is { } vpc ? StsCall.IsTrue(vpc) : Value("enable") is { } enable ? StsCall.IsTrue(enable) : null);

        switch (Value("type"))
        {
            case null or "access_key":
                return StaticCredentialProvider.Create(Required("access_key_id"), Required("access_key_secret"), null, Source);
            case "sts":
                return StaticCredentialProvider.Create(Required("access_key_id"), Required("access_key_secret"), Required("security_token"), Source);
            case "ecs_ram_role":
                return DmsCredentials.CreateEcs(Value("role_name"), _options, _environment, Source);
            case "ram_role_arn":
                var source = StaticCredentialProvider.Create(Required("access_key_id"), Required("access_key_secret"), null, Source);
                var role = StsRole.Create(sts, _environment, Required("role_arn"), Value("role_session_name"), TimeSpan.FromHours(1), Value("policy"));
                return new RamRoleArnCredentialProvider(source, role, Value("external_id"), sts);
            case "oidc_role_arn":
                return new OidcRoleCredentialProvider(
                    new DmsOidcRoleOptions { RoleArn = Required("role_arn"), OidcProviderArn = Required("oidc_provider_arn"), OidcTokenFile = Required("oidc_token_file_path"), RoleSessionName = Value("role_session_name"), Policy = Value("policy") },
                    sts,
                    _environment);
            case "credentials_uri":
                return new CredentialsUriProvider(new Uri(Required("credentials_uri"), UriKind.RelativeOrAbsolute), _options);
            case "rsa_key_pair" or "bearer":
                throw new DmsCredentialException(Source, $"type {Value("type")} is not supported (it is a legacy type of the official libraries); use access_key, sts, ecs_ram_role, ram_role_arn, oidc_role_arn or credentials_uri");
            case var other:
                throw new DmsCredentialException(Source, $"type '{CredentialHttp.Cut(other, 40)}' is not a credential type; use access_key, sts, ecs_ram_role, ram_role_arn, oidc_role_arn or credentials_uri");
        }
    }

    private static Dictionary<string, string>? ReadSection(string[] lines, string profile)
    {
        Dictionary<string, string>? found = null;
        var inSection = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                inSection = line[1..^1].Trim() == profile;
                if (inSection)
                {
                    found = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (inSection && equals > 0)
            {
                found![line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return found;
    }
}
