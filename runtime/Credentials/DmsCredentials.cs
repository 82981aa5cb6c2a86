using System;
using System.Collections.Generic;
using Dms.Codegen.Credentials;

namespace Dms.Codegen;

/// <summary>The ways to give a client its credentials.</summary>
public static class DmsCredentials
{
    /// <summary>A fixed access key, with an optional STS security token.</summary>
    public static IDmsCredentialProvider AccessKey(string accessKeyId, string accessKeySecret, string? securityToken = null) =>
        new StaticCredentialProvider(new DmsCredential(accessKeyId, accessKeySecret, securityToken, providerName: string.IsNullOrEmpty(securityToken) ? "static_ak" : "static_sts"));

    /// <summary><c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>, <c>ALIBABA_CLOUD_ACCESS_KEY_SECRET</c> and optional <c>ALIBABA_CLOUD_SECURITY_TOKEN</c>.</summary>
    public static IDmsCredentialProvider Environment(CredentialEnvironment? environment = null) =>
        new EnvironmentCredentialProvider(environment ?? CredentialEnvironment.Process);

    /// <summary>
    /// The INI file <c>~/.alibabacloud/credentials</c> (or <c>credentials.ini</c>, or <c>ALIBABA_CLOUD_CREDENTIALS_FILE</c>),
    /// profile <c>ALIBABA_CLOUD_PROFILE</c> or <c>default</c>, with <c>type</c> <c>access_key</c>, <c>sts</c>,
    /// <c>ecs_ram_role</c>, <c>ram_role_arn</c>, <c>oidc_role_arn</c> or <c>credentials_uri</c>.
    /// </summary>
    public static IDmsCredentialProvider CredentialsFile(string? path = null, string? profile = null, CredentialEnvironment? environment = null, DmsCredentialOptions? options = null) =>
        new IniFileCredentialProvider(environment ?? CredentialEnvironment.Process, Snapshot(options), path, profile);

    /// <summary>
    /// The Alibaba Cloud CLI's <c>~/.aliyun/config.json</c> (or <c>ALIBABA_CLOUD_CONFIG_FILE</c>), profile
    /// <c>ALIBABA_CLOUD_PROFILE</c> or the file's current one, in mode <c>AK</c>, <c>StsToken</c>, <c>RamRoleArn</c>,
    /// <c>EcsRamRole</c>, <c>OIDC</c> or <c>ChainableRamRoleArn</c>.
    /// </summary>
    public static IDmsCredentialProvider CliProfile(string? path = null, string? profile = null, CredentialEnvironment? environment = null, DmsCredentialOptions? options = null) =>
        new CliProfileCredentialProvider(environment ?? CredentialEnvironment.Process, Snapshot(options), path, profile);

    /// <summary>
    /// A RAM role assumed with STS <c>AssumeRole</c>, signed with the credential of <paramref name="source"/>
    /// (any source: a key, the instance's role, another role). Cached and refreshed ahead of expiry.
    /// </summary>
    /// <exception cref="ArgumentException">No role ARN, a duration under 15 minutes or an invalid session name.</exception>
    public static IDmsCredentialProvider RamRoleArn(IDmsCredentialProvider source, DmsRamRoleOptions role, DmsCredentialOptions? options = null, CredentialEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(role);
        var settings = Snapshot(options);
        var sts = StsRole.Create(settings, environment ?? CredentialEnvironment.Process, role.RoleArn, role.RoleSessionName, role.Duration, role.Policy);
        return new RamRoleArnCredentialProvider(source, sts, role.ExternalId, settings);
    }

    /// <summary>
    /// An OIDC (RRSA, on ACK) role assumed with the anonymous STS <c>AssumeRoleWithOIDC</c>; what
    /// <paramref name="role"/> leaves null comes from <c>ALIBABA_CLOUD_ROLE_ARN</c>,
    /// <c>ALIBABA_CLOUD_OIDC_PROVIDER_ARN</c>, <c>ALIBABA_CLOUD_OIDC_TOKEN_FILE</c> and <c>ALIBABA_CLOUD_ROLE_SESSION_NAME</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The role, provider or token file is not given.</exception>
    public static IDmsCredentialProvider OidcRole(DmsOidcRoleOptions? role = null, DmsCredentialOptions? options = null, CredentialEnvironment? environment = null) =>
        new OidcRoleCredentialProvider(role ?? new DmsOidcRoleOptions(), Snapshot(options), environment ?? CredentialEnvironment.Process);

    /// <summary>
    /// The ECS instance's RAM role from the metadata service: <paramref name="roleName"/>, else
    /// <c>ALIBABA_CLOUD_ECS_METADATA</c>, else the role the service lists.
    /// </summary>
    /// <exception cref="DmsCredentialException"><c>ALIBABA_CLOUD_ECS_METADATA_DISABLED=true</c>.</exception>
    public static IDmsCredentialProvider EcsRamRole(string? roleName = null, DmsCredentialOptions? options = null, CredentialEnvironment? environment = null) =>
        CreateEcs(roleName, Snapshot(options), environment ?? CredentialEnvironment.Process, "ECS instance RAM role");

    /// <summary>A local credentials service: <paramref name="uri"/>, else <c>ALIBABA_CLOUD_CREDENTIALS_URI</c>.</summary>
    /// <exception cref="ArgumentException">No URI, or not an absolute http(s) one.</exception>
    public static IDmsCredentialProvider CredentialsUri(Uri? uri = null, DmsCredentialOptions? options = null, CredentialEnvironment? environment = null)
    {
        uri ??= (environment ?? CredentialEnvironment.Process).Get(CredentialsUriProvider.Variable) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed
            : throw new ArgumentException($"A credentials URI is needed: pass one or set {CredentialsUriProvider.Variable} to an absolute URI.", nameof(uri));
        return new CredentialsUriProvider(uri, Snapshot(options));
    }

    /// <summary>
    /// The default chain in the official libraries' order: environment variables; the OIDC role when
    /// <c>ALIBABA_CLOUD_ROLE_ARN</c>, <c>ALIBABA_CLOUD_OIDC_PROVIDER_ARN</c> and <c>ALIBABA_CLOUD_OIDC_TOKEN_FILE</c>
    /// are all set; the CLI profile (unless <c>ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true</c>); the credentials file;
    /// the ECS instance role (unless <c>ALIBABA_CLOUD_ECS_METADATA_DISABLED=true</c>); the credentials URI when
    /// <c>ALIBABA_CLOUD_CREDENTIALS_URI</c> is set. The first source that gives a credential is kept; when none
    /// does, the error names every source and why it failed or was skipped.
    /// </summary>
    public static IDmsCredentialProvider Default(CredentialEnvironment? environment = null, DmsCredentialOptions? options = null) =>
        DefaultChain.Create(environment ?? CredentialEnvironment.Process, Snapshot(options));

    internal static IDmsCredentialProvider CreateEcs(string? roleName, DmsCredentialOptions options, CredentialEnvironment environment, string source)
    {
        if (StsCall.IsTrue(environment.Get(EcsRamRoleCredentialProvider.DisabledVariable)))
        {
            throw new DmsCredentialException(source, $"the ECS instance role is disabled ({EcsRamRoleCredentialProvider.DisabledVariable}=true)");
        }

        return new EcsRamRoleCredentialProvider(roleName, options, environment);
    }

    private static DmsCredentialOptions Snapshot(DmsCredentialOptions? options) => (options ?? new DmsCredentialOptions()).Snapshot();
}
