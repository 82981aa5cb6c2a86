using System;
using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Http;

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

    /// <summary>
    /// Credential fakes (an STS, ECS metadata or credentials URI fake) whose temporary credentials this emulator
    /// accepts as DMS does: the request must carry the credential's own security token (V3
    /// <c>x-acs-security-token</c>, V1 <c>SecurityToken</c>), and the credential must not have expired on its
    /// issuer's clock. Keys in <see cref="AccessKeys"/> are checked as permanent keys, without a token.
    /// </summary>
    public IList<Fakes.CredentialFake> TemporaryCredentialIssuers { get; } = new List<Fakes.CredentialFake>();

    /// <summary>Reject a signature nonce seen before (default true). Switch off only to replay one pre-signed request in a benchmark.</summary>
    public bool ReplayProtection { get; set; } = true;

    /// <summary>
    /// The most signature nonces remembered at once (default 100,000, a few MiB). A nonce is kept only while its
    /// request's timestamp is within <see cref="MaxClockSkew"/>; when this many could all still be replayed, new
    /// requests get HTTP 503 <c>Throttling</c> with a retry-after instead of a nonce being forgotten.
    /// </summary>
    public int MaxRememberedNonces { get; set; } = 100_000;

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

    /// <summary>
    /// Operations beyond the built-in 325, e.g. from a project's own YAML specs: the generated
    /// <c>DmsClient.Operations</c>. A descriptor for an action the emulator knows replaces the built-in one.
    /// </summary>
    public IList<DmsOperationDescriptor> AdditionalOperations { get; } = new List<DmsOperationDescriptor>();

    /// <summary>
    /// Their response shapes: the generated <c>DmsClient.Shapes</c> of a project built with
    /// <c>&lt;DmsCodegenEmitShapes&gt;true&lt;/DmsCodegenEmitShapes&gt;</c>, so that its operations are answered completely.
    /// </summary>
    public IList<string> AdditionalShapes { get; } = new List<string>();

    /// <summary>Adds a generated client's operations and shapes (<c>options.AddOperations(MyClient.Operations, MyClient.Shapes)</c>).</summary>
    /// <returns>These options.</returns>
    public DmsEmulatorOptions AddOperations(IEnumerable<DmsOperationDescriptor> operations, IEnumerable<string>? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            AdditionalOperations.Add(operation);
        }

        foreach (var shape in shapes ?? Array.Empty<string>())
        {
            AdditionalShapes.Add(shape);
        }

        return this;
    }

    internal IEnumerable<DmsOperationDescriptor> AllOperations() =>
        Api.DmsClient.Operations.Where(o => !AdditionalOperations.Any(a => a.Action == o.Action)).Concat(AdditionalOperations);

    internal Shapes.ShapeCatalog ShapeCatalog() =>
        AdditionalShapes.Count == 0 ? Shapes.BuiltInShapes.Catalog : new Shapes.ShapeCatalog(Api.DmsClient.Shapes.Concat(AdditionalShapes));

    internal IReadOnlyDictionary<string, string> EffectiveKeys() =>
        AccessKeys.Count > 0 ? new Dictionary<string, string>(AccessKeys, StringComparer.Ordinal) : new Dictionary<string, string> { [DefaultAccessKeyId] = DefaultAccessKeySecret };
}
