using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// The INI file <c>~/.alibabacloud/credentials</c> (path overridden by <c>ALIBABA_CLOUD_CREDENTIALS_FILE</c>),
/// section <c>ALIBABA_CLOUD_PROFILE</c> or <c>default</c>, with <c>type = access_key</c>.
/// </summary>
internal sealed class IniFileCredentialProvider : IDmsCredentialProvider
{
    private readonly string _path;
    private readonly string _profile;

    public IniFileCredentialProvider(CredentialEnvironment environment, string? path = null, string? profile = null)
    {
        _path = path ?? environment.Get("ALIBABA_CLOUD_CREDENTIALS_FILE") ?? environment.Home(".alibabacloud", "credentials");
        _profile = profile ?? environment.Get("ALIBABA_CLOUD_PROFILE") ?? "default";
    }

    public string Source => $"credentials file {_path} [{_profile}]";

    private readonly CredentialFileCache _cache = new();

    public ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(_path, Source, ReadAsync, cancellationToken);

    private async ValueTask<DmsCredential> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(_path, cancellationToken).ConfigureAwait(false);
        var section = ReadSection(lines, _profile) ?? throw new DmsCredentialException(Source, $"the file has no section [{_profile}]");
        section.TryGetValue("type", out var type);
        if (type is not (null or "access_key"))
        {
            throw new DmsCredentialException(Source, $"type '{type}' is not supported here; use type = access_key");
        }

        if (!section.TryGetValue("access_key_id", out var id) || !section.TryGetValue("access_key_secret", out var secret) || id.Length == 0 || secret.Length == 0)
        {
            throw new DmsCredentialException(Source, "the section needs access_key_id and access_key_secret");
        }

        return new DmsCredential(id, secret);
    }

    public override string ToString() => Source;

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

/// <summary>
/// The Alibaba Cloud CLI profile file <c>~/.aliyun/config.json</c>: profile <c>ALIBABA_CLOUD_PROFILE</c> or the
/// file's <c>current</c>, in mode <c>AK</c> or <c>StsToken</c>. Read with JsonDocument: no reflection.
/// </summary>
internal sealed class CliProfileCredentialProvider : IDmsCredentialProvider
{
    private readonly string _path;
    private readonly string? _profile;

    public CliProfileCredentialProvider(CredentialEnvironment environment, string? path = null, string? profile = null)
    {
        _path = path ?? environment.Home(".aliyun", "config.json");
        _profile = profile ?? environment.Get("ALIBABA_CLOUD_PROFILE");
    }

    public string Source => $"CLI profile file {_path}";

    private readonly CredentialFileCache _cache = new();

    public ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(_path, Source, ReadAsync, cancellationToken);

    private async ValueTask<DmsCredential> ReadAsync(CancellationToken cancellationToken)
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
            var name = _profile ?? (root.TryGetProperty("current", out var current) ? current.GetString() : null) ?? "default";
            if (!root.TryGetProperty("profiles", out var profiles) || profiles.ValueKind != JsonValueKind.Array)
            {
                throw new DmsCredentialException(Source, "the file has no \"profiles\" list");
            }

            foreach (var profile in profiles.EnumerateArray())
            {
                if (Text(profile, "name") != name)
                {
                    continue;
                }

                var mode = Text(profile, "mode") ?? "AK";
                if (mode is not ("AK" or "StsToken"))
                {
                    throw new DmsCredentialException(Source, $"profile '{name}' has mode '{mode}'; only AK and StsToken are supported");
                }

                var id = Text(profile, "access_key_id");
                var secret = Text(profile, "access_key_secret");
                if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
                {
                    throw new DmsCredentialException(Source, $"profile '{name}' needs access_key_id and access_key_secret");
                }

                var token = mode == "StsToken" ? Text(profile, "sts_token") : null;
                if (mode == "StsToken" && string.IsNullOrEmpty(token))
                {
                    throw new DmsCredentialException(Source, $"profile '{name}' has mode StsToken but no sts_token");
                }

                return new DmsCredential(id, secret, token);
            }

            throw new DmsCredentialException(Source, $"the file has no profile named '{name}'");
        }
    }

    public override string ToString() => Source;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
