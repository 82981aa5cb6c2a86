namespace Dms.Codegen.Generator;

/// <summary>The MSBuild properties that shape the output, read once from the analyzer config.</summary>
internal sealed record GeneratorOptions(string Namespace, string ClientName, bool RuntimeReferenced)
{
    /// <summary><c>DmsCodegenEmitShapes</c>: also emit <c>{Client}.Shapes</c>, the response shapes the DMS emulator answers with.</summary>
    public bool EmitShapes { get; init; }

    public const string DefaultNamespace = "Dms.Codegen.Generated";
    public const string DefaultClientName = "DmsClient";
}
