using System;
using System.Collections.Generic;

namespace Dms.Codegen.Emulator;

/// <summary>How the emulator listens, which keys it accepts, and how fast its jobs move.</summary>
public sealed class DmsEmulatorOptions
{
    /// <summary>The access key id the emulator accepts when no keys are given.</summary>
    public const string DefaultAccessKeyId = "testid";

    /// <summary>The secret of <see cref="DefaultAccessKeyId"/>.</summary>
    public const string DefaultAccessKeySecret = "testsecret";

    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Access key id → secret. Empty means the default pair <c>testid</c>/<c>testsecret</c>.</summary>
    public IDictionary<string, string> AccessKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reject a signature nonce seen before (default true). Switch off only to replay one pre-signed request in a benchmark.</summary>
    public bool ReplayProtection { get; set; } = true;

    /// <summary>How far a request's timestamp may be from the emulator's clock (Alibaba allows 15 minutes).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How jobs advance: null (the default) moves a job one step per call, so tests are deterministic; a
    /// duration moves it one step per that much time.
    /// </summary>
    public TimeSpan? StepInterval { get; set; }

    /// <summary>The <c>x-acs-retry-after</c> (milliseconds) the throttling fault sends.</summary>
    public int ThrottleRetryAfterMilliseconds { get; set; } = 100;

    /// <summary>The emulator's clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal IReadOnlyDictionary<string, string> EffectiveKeys() =>
        AccessKeys.Count > 0 ? new Dictionary<string, string>(AccessKeys, StringComparer.Ordinal) : new Dictionary<string, string> { [DefaultAccessKeyId] = DefaultAccessKeySecret };
}
