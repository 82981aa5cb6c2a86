using System;

namespace Dms.Codegen.Credentials;

/// <summary>The role a RAM role ARN source assumes with STS <c>AssumeRole</c>.</summary>
public sealed class DmsRamRoleOptions
{
    /// <summary>The role, <c>acs:ram::&lt;account&gt;:role/&lt;name&gt;</c>. Null: <c>ALIBABA_CLOUD_ROLE_ARN</c>.</summary>
    public string? RoleArn { get; set; }

    /// <summary>2–64 letters, digits and <c>. @ - _</c>. Null: <c>ALIBABA_CLOUD_ROLE_SESSION_NAME</c>, else <c>dms-codegen-&lt;ms&gt;</c>.</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>How long each temporary credential lives: at least 15 minutes, at most the role's maximum session (default 1 hour).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session policy (JSON) that narrows the role's permissions; null for none.</summary>
    public string? Policy { get; set; }

    /// <summary>The external id the role's trust policy asks for; null for none.</summary>
    public string? ExternalId { get; set; }
}

/// <summary>The role an OIDC (RRSA) source assumes with STS <c>AssumeRoleWithOIDC</c>.</summary>
public sealed class DmsOidcRoleOptions
{
    /// <summary>The role. Null: <c>ALIBABA_CLOUD_ROLE_ARN</c>.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The OIDC provider, <c>acs:ram::&lt;account&gt;:oidc-provider/&lt;name&gt;</c>. Null: <c>ALIBABA_CLOUD_OIDC_PROVIDER_ARN</c>.</summary>
    public string? OidcProviderArn { get; set; }

    /// <summary>The file holding the OIDC token, read again on every refresh (RRSA rotates it). Null: <c>ALIBABA_CLOUD_OIDC_TOKEN_FILE</c>.</summary>
    public string? OidcTokenFile { get; set; }

    /// <summary>As <see cref="DmsRamRoleOptions.RoleSessionName"/>.</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>As <see cref="DmsRamRoleOptions.Duration"/>.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session policy (JSON); null for none.</summary>
    public string? Policy { get; set; }
}
