using System;

namespace Dms.Codegen;

/// <summary>When and how often a call is tried again.</summary>
public sealed class DmsRetryOptions
{
    /// <summary>Attempts in all, the first included (default 3; 1 means no retry).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first back-off delay; each retry doubles it, with jitter (default 200 ms).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest wait between attempts (default 30 s). A server that asks, through <c>x-acs-retry-after</c> or
    /// <c>Retry-After</c>, for a longer wait than this gets no retry: the call fails with its error at once.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
