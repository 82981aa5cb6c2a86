namespace Dms.Codegen.Generator;

/// <summary>The version written into <c>[GeneratedCode]</c>; kept in step with Directory.Build.props by a test.</summary>
internal static class ThisAssembly
{
    public const string Version = "0.1.0";
}
