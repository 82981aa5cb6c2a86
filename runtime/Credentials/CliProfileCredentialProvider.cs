using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// The Alibaba Cloud CLI profile file <c>~/.aliyun/config.json</c> (or <c>ALIBABA_CLOUD_CONFIG_FILE</c>, as
/// credentials-go): profile <c>ALIBABA_CLOUD_PROFILE</c> or the file's <c>current</c>, in mode <c>AK</c>,
/// <c>StsToken</c>, <c>RamRoleArn</c>, <c>EcsRamRole</c>, <c>OIDC</c> or <c>ChainableRamRoleArn</c>. Read with
/// JsonDocument: no reflection.
/// </summary>
internal sealed class CliProfileCredentialProvider : IDmsCredentialProvider
{
    public const string FileVariable = "ALIBABA_CLOUD_CONFIG_FILE";

    private readonly string _path;
    private readonly string? _profile;
    private readonly DmsCredentialOptions _options;
    private readonly CredentialEnvironment _environment;
    private readonly CredentialFileCache _cache = new();

    public CliProfileCredentialProvider(CredentialEnvironment environment, DmsCredentialOptions options, string? path = null, string? profile = null)
    {
        _environment = environment;
        _options = options;
        _path = path ?? environment.Get(FileVariable) ?? environment.Home(".aliyun", "config.json");
        _profile = profile ?? environment.Get("ALIBABA_CLOUD_PROFILE");
    }

    public string Source => $"CLI profile file {_path}";

    public async ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var inner = await _cache.GetAsync(_path, Source, LoadAsync, cancellationToken).ConfigureAwait(false);
        return await inner.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
    }

    public override string ToString() => Source;

    private async ValueTask<IDmsCredentialProvider> LoadAsync(CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            await using var stream = File.OpenRead(_path);
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new DmsCredentialException(Source, $"the file is not valid JSON (line {exception.LineNumber + 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Array)
            {
                throw new DmsCredentialException(Source, "the file has no \"profiles\" list");
            }

            var name = _profile ?? CredentialHttp.Text(root, "current", Source) ?? "default";
            return Build(profiles, name, new HashSet<string>(StringComparer.Ordinal));
        }
    }

    private IDmsCredentialProvider Build(JsonElement profiles, string name, HashSet<string> visiting)
    {
        if (!visiting.Add(name))
        {
            throw new DmsCredentialException(Source, $"profile '{name}' is its own source_profile (through {string.Join(" -> ", visiting)})");
        }

        var profile = Find(profiles, name, Source) ?? throw new DmsCredentialException(Source, $"the file has no profile named '{name}'");
        var mode = CredentialHttp.Text(profile, "mode", Source) ?? "AK";
        string Required(string key) => CredentialHttp.Text(profile, key, Source) ?? throw new DmsCredentialException(Source, $"profile '{name}' has mode {mode} but no {key}");
        string? Optional(string key) => CredentialHttp.Text(profile, key, Source);
        var sts = _options.ForSts(Optional("sts_region"), profile.TryGetProperty("enable_vpc", out var vpc) && vpc.ValueKind is JsonValueKind.True or JsonValueKind.False ? vpc.GetBoolean() : null);
        var duration = profile.TryGetProperty("expired_seconds", out var seconds) && seconds.TryGetInt32(out var value) && value > 0 ? TimeSpan.FromSeconds(value) : TimeSpan.FromHours(1);
        var sourceName = $"{Source} [{name}]";

        switch (mode)
        {
            case "AK":
                return StaticCredentialProvider.Create(Required("access_key_id"), Required("access_key_secret"), null, sourceName);
            case "StsToken":
                return StaticCredentialProvider.Create(Required("access_key_id"), Required("access_key_secret"), Required("sts_token"), sourceName);
            case "RamRoleArn" or "ChainableRamRoleArn":
                var source = mode == "RamRoleArn"
                    ? StaticCredentialProvider.Create(Required("access_key_id"), Required("access_key_secret"), null, sourceName)
                    : Build(profiles, Required("source_profile"), visiting);
                var role = StsRole.Create(sts, _environment, Required("ram_role_arn"), Optional("ram_session_name"), duration, Optional("policy"));
                return new RamRoleArnCredentialProvider(source, role, Optional("external_id"), sts);
            case "EcsRamRole":
                return DmsCredentials.CreateEcs(Optional("ram_role_name"), _options, _environment, sourceName);
            case "OIDC":
                return new OidcRoleCredentialProvider(
                    new DmsOidcRoleOptions { RoleArn = Required("ram_role_arn"), OidcProviderArn = Required("oidc_provider_arn"), OidcTokenFile = Required("oidc_token_file"), RoleSessionName = Optional("ram_session_name"), Duration = duration, Policy = Optional("policy") },
                    sts,
                    _environment);
            case "CloudSSO" or "OAuth" or "External":
                throw new DmsCredentialException(Source, $"profile '{name}' has mode {mode}, which is not supported; use AK, StsToken, RamRoleArn, EcsRamRole, OIDC or ChainableRamRoleArn");
            default:
                throw new DmsCredentialException(Source, $"profile '{name}' has mode '{CredentialHttp.Cut(mode, 40)}', which is not a CLI profile mode; use AK, StsToken, RamRoleArn, EcsRamRole, OIDC or ChainableRamRoleArn");
        }
    }

    private static JsonElement? Find(JsonElement profiles, string name, string source)
    {
        foreach (var profile in profiles.EnumerateArray())
        {
            if (CredentialHttp.Text(profile, "name", source) == name)
            {
                return profile;
            }
        }

        return null;
    }
}
