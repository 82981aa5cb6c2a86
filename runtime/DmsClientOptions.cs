using System;
using Dms.Codegen.Credentials;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen;

/// <summary>
/// Everything a client needs. The client copies these values when it is created, so changing an options
/// object afterwards does not affect clients made from it.
/// </summary>
public sealed class DmsClientOptions
{
    /// <summary>The default endpoint, <c>https://dms-enterprise.aliyuncs.com</c>.</summary>
    public static readonly Uri DefaultEndpoint = new("https://dms-enterprise.aliyuncs.com");

    /// <summary>The endpoint; when null, <see cref="RegionId"/> chooses it, else <see cref="DefaultEndpoint"/>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A region such as <c>cn-hangzhou</c>: the endpoint becomes <c>https://dms-enterprise.&lt;region&gt;.aliyuncs.com</c>.</summary>
    public string? RegionId { get; set; }

    /// <summary>The credentials; when null, <see cref="DmsCredentials.Default"/>.</summary>
    public IDmsCredentialProvider? Credentials { get; set; }

    /// <summary>The signature to send (default <see cref="DmsSignatureVersion.V3"/>).</summary>
    public DmsSignatureVersion SignatureVersion { get; set; } = DmsSignatureVersion.V3;

    /// <summary>How long one attempt may take before it counts as a transient failure (default 30 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call may take in all, retries and waits included (default 100 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retry behaviour.</summary>
    public DmsRetryOptions Retry { get; set; } = new();

    /// <summary>The default <see cref="MaxResponseBytes"/>: 16 MiB.</summary>
    public const long DefaultMaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The largest response body read, counted after decompression (default 16 MiB): a larger body, or a
    /// compressed one that inflates beyond it, ends the call with a <see cref="DmsException"/> whose code is
    /// <see cref="DmsErrorCodes.ResponseTooLarge"/>, without holding more than this in memory.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The User-Agent header (default <c>Dms.Codegen/&lt;version&gt;</c>).</summary>
    public string? UserAgent { get; set; }

    /// <summary>Gets one log line per attempt (category <c>Dms.Codegen.DmsClient</c>); secrets are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>A logger to use as it is; takes precedence over <see cref="LoggerFactory"/>.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The clock used for signature timestamps and back-off waits (tests set a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The endpoint a client with these options calls.</summary>
    public Uri ResolveEndpoint() =>
        Endpoint ?? (string.IsNullOrWhiteSpace(RegionId) ? DefaultEndpoint : new Uri($"https://dms-enterprise.{RegionId.Trim()}.aliyuncs.com"));

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        if (Endpoint is null && !string.IsNullOrWhiteSpace(RegionId) && !IsRegionId(RegionId.Trim()))
        {
            throw new ArgumentException($"RegionId must look like cn-hangzhou (lower-case letters, digits and '-'), not '{RegionId}'.", nameof(RegionId));
        }

        if (UserAgent is not null && UserAgent.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("UserAgent must not contain line breaks.", nameof(UserAgent));
        }

        var endpoint = ResolveEndpoint();
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Endpoint must be an absolute http or https URI, not '{endpoint}'.", nameof(Endpoint));
        }

        if (!IsTimeout(AttemptTimeout) || !IsTimeout(OverallTimeout))
        {
            throw new ArgumentException("AttemptTimeout and OverallTimeout must be positive (at most about 24 days) or Timeout.InfiniteTimeSpan.", nameof(AttemptTimeout));
        }

        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        if (Retry.MaxAttempts < 1 || Retry.BaseDelay < TimeSpan.Zero || Retry.MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Retry.MaxAttempts must be at least 1 and the delays not negative.", nameof(Retry));
        }

        if (MaxResponseBytes < 1 || MaxResponseBytes > Array.MaxLength)
        {
            throw new ArgumentException($"MaxResponseBytes must be between 1 and {Array.MaxLength}, not {MaxResponseBytes}.", nameof(MaxResponseBytes));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }

    private static bool IsRegionId(string value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return value.Length > 0;
    }

    // What CancellationTokenSource.CancelAfter accepts.
    private static bool IsTimeout(TimeSpan value) =>
        value == System.Threading.Timeout.InfiniteTimeSpan || (value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue);
}
