namespace Dms.Codegen.Generator;

/// <summary>The MSBuild properties that shape the output, read once from the analyzer config.</summary>
internal sealed record GeneratorOptions(string Namespace, string ClientName, bool RuntimeReferenced)
{
    public const string DefaultNamespace = "Dms.Codegen.Generated";
    public const string DefaultClientName = "DmsClient";
}
