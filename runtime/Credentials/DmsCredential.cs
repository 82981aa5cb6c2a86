using System;
using System.Security.Cryptography;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Credentials;

/// <summary>
/// An access key, with an optional STS security token and, for temporary credentials, when it expires.
/// </summary>
/// <remarks>
/// The secret and the token are not public properties, so reflection-based serializers (System.Text.Json,
/// Newtonsoft.Json) and a logger's destructuring (<c>{@Credential}</c>) see only <see cref="AccessKeyId"/>,
/// <see cref="HasSecurityToken"/>, <see cref="Expiration"/> and <see cref="ProviderName"/>. Code that really
/// needs them calls <see cref="RevealAccessKeySecret"/> or <see cref="RevealSecurityToken"/>.
/// <see cref="ToString"/> masks them too.
/// </remarks>
public sealed class DmsCredential
{
    private SigningMac? _v3Mac;
    private SigningMac? _v1Mac;

    /// <summary>Creates a credential.</summary>
    /// <param name="accessKeyId">The AccessKey ID.</param>
    /// <param name="accessKeySecret">The AccessKey secret.</param>
    /// <param name="securityToken">The STS token of a temporary credential; null or empty for a long-term key.</param>
    /// <param name="expiration">When a temporary credential expires; null when it does not.</param>
    /// <param name="providerName">The source, as Alibaba's libraries name it (for example <c>ram_role_arn</c>); null when unknown.</param>
    /// <exception cref="ArgumentException">The id or the secret is empty.</exception>
    public DmsCredential(string accessKeyId, string accessKeySecret, string? securityToken = null, DateTimeOffset? expiration = null, string? providerName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeySecret);
        AccessKeyId = accessKeyId;
        AccessKeySecret = accessKeySecret;
        SecurityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
        Expiration = expiration;
        ProviderName = providerName;
    }

    /// <summary>The AccessKey ID (not secret; it names the key in signatures).</summary>
    public string AccessKeyId { get; }

    /// <summary>Whether this is a temporary credential with an STS security token.</summary>
    public bool HasSecurityToken => SecurityToken is not null;

    /// <summary>When this credential expires (UTC); null for a long-term key.</summary>
    public DateTimeOffset? Expiration { get; }

    /// <summary>The source, as Alibaba's libraries name it (<c>static_ak</c>, <c>ram_role_arn/static_ak</c>, <c>ecs_ram_role</c>, ...), or null.</summary>
    public string? ProviderName { get; }

    // Internal, not public: the runtime signs with these, and nothing that reflects over public members sees them.
    internal string AccessKeySecret { get; }

    internal string? SecurityToken { get; }

    // Keyed once per credential (a race just keys a second one); internal fields, so serializers never see them.
    internal SigningMac V3Mac => _v3Mac ??= new(HashAlgorithmName.SHA256, ampersand: false);

    internal SigningMac V1Mac => _v1Mac ??= new(HashAlgorithmName.SHA1, ampersand: true);

    /// <summary>The AccessKey secret, for code that must hand it to something else. Never log it.</summary>
    public string RevealAccessKeySecret() => AccessKeySecret;

    /// <summary>The STS security token, or null. Never log it.</summary>
    public string? RevealSecurityToken() => SecurityToken;

    /// <summary>The same key and token with another provider name (the chain and file sources prefix theirs).</summary>
    internal DmsCredential WithProviderName(string? providerName) =>
        providerName == ProviderName ? this : new DmsCredential(AccessKeyId, AccessKeySecret, SecurityToken, Expiration, providerName);

    /// <inheritdoc/>
    public override string ToString() =>
        $"DmsCredential {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = ***, SecurityToken = {(SecurityToken is null ? "none" : "***")}{(Expiration is { } e ? $", Expiration = {e:yyyy-MM-ddTHH:mm:ssZ}" : string.Empty)} }}";
}
