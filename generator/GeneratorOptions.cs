namespace Dms.Codegen.Generator;

/// <summary>
/// The MSBuild properties that shape the output, read once from the analyzer config. <c>Accessibility</c> is
/// the modifier of every namespace-level generated type (<c>DmsCodegenAccessibility</c>): <c>public</c> or <c>internal</c>.
/// </summary>
internal sealed record GeneratorOptions(string Namespace, string ClientName, bool RuntimeReferenced, string Accessibility = GeneratorOptions.Public)
{
    /// <summary><c>DmsCodegenEmitShapes</c>: also emit <c>{Client}.Shapes</c>, the response shapes the DMS emulator answers with.</summary>
    public bool EmitShapes { get; init; }

    public const string DefaultNamespace = "Dms.Codegen.Generated";
    public const string DefaultClientName = "DmsClient";
    public const string Public = "public";
    public const string Internal = "internal";

    /// <summary>The value of <c>DmsCodegenAccessibility</c> when it is neither <c>public</c> nor <c>internal</c>; reported as DMS0020.</summary>
    public string? InvalidAccessibility { get; init; }

    /// <summary>Whether code is generated at all: the runtime is referenced and every property is usable.</summary>
    public bool CanEmit => RuntimeReferenced && InvalidAccessibility is null;
}
