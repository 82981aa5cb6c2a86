using System;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>A fixed access key (and optional STS token).</summary>
internal sealed class StaticCredentialProvider : IDmsCredentialProvider
{
    private readonly DmsCredential _credential;

    public StaticCredentialProvider(DmsCredential credential, string source = "static access key")
    {
        _credential = credential;
        Source = source;
    }

    public string Source { get; }

    /// <summary>A key read from a file or the environment, named <c>static_ak</c> or <c>static_sts</c> as the official libraries name them.</summary>
    public static StaticCredentialProvider Create(string id, string secret, string? token, string source) =>
        new(new DmsCredential(id, secret, token, providerName: string.IsNullOrEmpty(token) ? "static_ak" : "static_sts"), source);

    public ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_credential);

    public override string ToString() => $"{Source} ({_credential.AccessKeyId})";
}

/// <summary><c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>, <c>ALIBABA_CLOUD_ACCESS_KEY_SECRET</c> and optional <c>ALIBABA_CLOUD_SECURITY_TOKEN</c>.</summary>
internal sealed class EnvironmentCredentialProvider : IDmsCredentialProvider
{
    public const string IdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string SecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string TokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";

    private readonly CredentialEnvironment _environment;

    public EnvironmentCredentialProvider(CredentialEnvironment environment) => _environment = environment;

    public string Source => "environment variables";

    public ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var id = _environment.Get(IdVariable);
        var secret = _environment.Get(SecretVariable);
        if (id is null && secret is null)
        {
            throw new DmsCredentialException(Source, $"{IdVariable} and {SecretVariable} are not set");
        }

        if (id is null || secret is null)
        {
            throw new DmsCredentialException(Source, $"{(id is null ? IdVariable : SecretVariable)} is not set, but {(id is null ? SecretVariable : IdVariable)} is: set both");
        }

        var token = _environment.Get(TokenVariable);
        return ValueTask.FromResult(new DmsCredential(id, secret, token, providerName: token is null ? "env" : "env/static_sts"));
    }

    public override string ToString() => Source;
}
