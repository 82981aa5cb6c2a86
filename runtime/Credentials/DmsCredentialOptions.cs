using System;
using System.Net.Http;

namespace Dms.Codegen.Credentials;

/// <summary>
/// How sources that fetch temporary credentials (RAM role, OIDC role, ECS instance role, credentials URI)
/// reach their services and when they refresh. One instance can serve every source; the defaults suit
/// production, and tests point the endpoints at loopback fakes and pass a <c>FakeTimeProvider</c>.
/// </summary>
public sealed class DmsCredentialOptions
{
    /// <summary>The default <see cref="RefreshMargin"/>: 15 minutes, as Alibaba's C#, Java and Node libraries.</summary>
    public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromMinutes(15);

    /// <summary>The instance metadata service of ECS, <c>http://100.100.100.200/</c>.</summary>
    public static readonly Uri DefaultMetadataEndpoint = new("http://100.100.100.200/");

    /// <summary>
    /// How long before expiry a temporary credential is refreshed (default 15 minutes). A credential that lives
    /// less than twice the margin is refreshed at half its lifetime instead, so that a short session is not
    /// fetched again on every call.
    /// </summary>
    public TimeSpan RefreshMargin { get; set; } = DefaultRefreshMargin;

    /// <summary>The clock for expiry, refresh, timestamps and timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Sends the credential requests; null uses a shared handler. Set it for a proxy, or in tests. The sources
    /// never dispose it.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>
    /// The STS endpoint for every role this creates, e.g. <c>https://sts-vpc.cn-hangzhou.aliyuncs.com</c>; it
    /// overrides <see cref="StsRegionId"/> and <see cref="EnableVpc"/>. Null: <c>https://sts.aliyuncs.com</c>,
    /// or the regional or VPC host when a region is set.
    /// </summary>
    public Uri? StsEndpoint { get; set; }

    /// <summary>The STS region (regional host <c>sts.&lt;region&gt;.aliyuncs.com</c>); null: <c>ALIBABA_CLOUD_STS_REGION</c>, else the global host.</summary>
    public string? StsRegionId { get; set; }

    /// <summary>Use the VPC host <c>sts-vpc.&lt;region&gt;.aliyuncs.com</c> (only with a region); null: <c>ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED</c>.</summary>
    public bool? EnableVpc { get; set; }

    /// <summary>How long one STS or credentials-URI request may take (default 10 s, as the official libraries' read timeout).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The metadata service (default <see cref="DefaultMetadataEndpoint"/>); tests point it at a fake.</summary>
    public Uri MetadataEndpoint { get; set; } = DefaultMetadataEndpoint;

    /// <summary>
    /// How long one metadata request may take (default 1 s, as Go, Java and Node), so that a machine without a
    /// metadata service is not stalled by the default chain.
    /// </summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Refuse the IMDSv1 fallback (hardened mode): without an IMDSv2 session token the ECS source fails.
    /// Null: <c>ALIBABA_CLOUD_IMDSV1_DISABLED</c>.
    /// </summary>
    public bool? DisableImdsV1 { get; set; }

    /// <summary>A copy, so that sources keep the values they were made with.</summary>
    internal DmsCredentialOptions Snapshot()
    {
        if (RefreshMargin < TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero || MetadataTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshMargin), "RefreshMargin must not be negative, and RequestTimeout and MetadataTimeout must be positive.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(MetadataEndpoint);
        return (DmsCredentialOptions)MemberwiseClone();
    }

    /// <summary>A copy with a profile's own STS region and VPC flag, where the profile gives them.</summary>
    internal DmsCredentialOptions ForSts(string? regionId, bool? enableVpc)
    {
        if (regionId is null && enableVpc is null)
        {
            return this;
        }

        var copy = Snapshot();
        copy.StsRegionId = regionId ?? StsRegionId;
        copy.EnableVpc = enableVpc ?? EnableVpc;
        return copy;
    }
}
