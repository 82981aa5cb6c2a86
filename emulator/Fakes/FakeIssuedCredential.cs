using System;
using System.Security.Cryptography;

namespace Dms.Codegen.Emulator.Fakes;

/// <summary>A temporary credential a fake handed out: what a client should then sign with.</summary>
/// <param name="AccessKeyId">The temporary key id (<c>STS.</c>...).</param>
/// <param name="AccessKeySecret">Its secret.</param>
/// <param name="SecurityToken">The STS token that must travel with it.</param>
/// <param name="Expiration">When it expires, on the fake's clock.</param>
/// <param name="Issuer">What issued it: <c>AssumeRole</c>, <c>AssumeRoleWithOIDC</c>, <c>EcsMetadata</c> or <c>CredentialsUri</c>.</param>
/// <param name="RoleArn">The role assumed, or the ECS role name; null for the credentials URI.</param>
public sealed record FakeIssuedCredential(string AccessKeyId, string AccessKeySecret, string SecurityToken, DateTimeOffset Expiration, string Issuer, string? RoleArn)
{
    /// <summary>Whether it is still valid at <paramref name="now"/>.</summary>
    public bool IsValidAt(DateTimeOffset now) => now < Expiration;

    /// <summary>The wire form of <see cref="Expiration"/>: UTC, whole seconds, trailing <c>Z</c>, as STS writes it.</summary>
    public string ExpirationText => Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Never shows the secret or the token.</summary>
    public override string ToString() => $"FakeIssuedCredential {{ AccessKeyId = {AccessKeyId}, Expiration = {ExpirationText}, Issuer = {Issuer} }}";

    internal static FakeIssuedCredential Create(DateTimeOffset now, TimeSpan lifetime, string issuer, string? role)
    {
        // Whole seconds, as on the wire, so that what a client parses equals what the fake remembers.
        var expiration = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        return new FakeIssuedCredential("STS.fake" + Random(12), Random(30), "CAIS" + Random(60), expiration, issuer, role);
    }

    private static string Random(int length) => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
