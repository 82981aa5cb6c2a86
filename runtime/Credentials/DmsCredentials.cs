using System.Collections.Generic;
using Dms.Codegen.Credentials;

namespace Dms.Codegen;

/// <summary>The ways to give a client its credentials.</summary>
public static class DmsCredentials
{
    /// <summary>A fixed access key, with an optional STS security token.</summary>
    public static IDmsCredentialProvider AccessKey(string accessKeyId, string accessKeySecret, string? securityToken = null) =>
        new StaticCredentialProvider(new DmsCredential(accessKeyId, accessKeySecret, securityToken));

    /// <summary><c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>, <c>ALIBABA_CLOUD_ACCESS_KEY_SECRET</c> and optional <c>ALIBABA_CLOUD_SECURITY_TOKEN</c>.</summary>
    public static IDmsCredentialProvider Environment(CredentialEnvironment? environment = null) =>
        new EnvironmentCredentialProvider(environment ?? CredentialEnvironment.Process);

    /// <summary>The INI file <c>~/.alibabacloud/credentials</c> (or <c>ALIBABA_CLOUD_CREDENTIALS_FILE</c>), profile <c>ALIBABA_CLOUD_PROFILE</c> or <c>default</c>.</summary>
    public static IDmsCredentialProvider CredentialsFile(string? path = null, string? profile = null, CredentialEnvironment? environment = null) =>
        new IniFileCredentialProvider(environment ?? CredentialEnvironment.Process, path, profile);

    /// <summary>The Alibaba Cloud CLI's <c>~/.aliyun/config.json</c>, profile <c>ALIBABA_CLOUD_PROFILE</c> or the file's current one.</summary>
    public static IDmsCredentialProvider CliProfile(string? path = null, string? profile = null, CredentialEnvironment? environment = null) =>
        new CliProfileCredentialProvider(environment ?? CredentialEnvironment.Process, path, profile);

    /// <summary>
    /// The default chain in the official SDKs' order, limited to the sources that need no network:
    /// environment variables, then the CLI profile (unless <c>ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true</c>), then
    /// the credentials file. OIDC role, ECS instance role and credentials-URI sources are not supported yet.
    /// </summary>
    public static IDmsCredentialProvider Default(CredentialEnvironment? environment = null)
    {
        environment ??= CredentialEnvironment.Process;
        var providers = new List<IDmsCredentialProvider> { new EnvironmentCredentialProvider(environment) };
        if (!string.Equals(environment.Get("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true", System.StringComparison.OrdinalIgnoreCase))
        {
            providers.Add(new CliProfileCredentialProvider(environment));
        }

        providers.Add(new IniFileCredentialProvider(environment));
        return new ChainCredentialProvider(providers);
    }
}
