using System;
using Dms.Codegen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator;

/// <summary>
/// DMS0090: the referenced Dms.Codegen.Runtime is older than the generated code needs (for example a direct,
/// older runtime reference beside a newer Dms.Codegen). Reads only the compilation's assembly references, so it is
/// cheap on every edit, and its result is a string that stays equal (cached) while the references do not change.
/// </summary>
internal static class RuntimeVersionCheck
{
    private const string RuntimeAssemblyName = "Dms.Codegen.Runtime";

    public static readonly Version Minimum = Version.Parse(BuildInfo.MinimumRuntimeVersion);

    /// <summary>The referenced runtime's version when it is older than <see cref="Minimum"/>; otherwise null.</summary>
    public static string? FindTooOld(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (string.Equals(assembly.Name, RuntimeAssemblyName, StringComparison.Ordinal) && Normalize(assembly.Version) < Minimum)
            {
                return assembly.Version.ToString(3);
            }
        }

        return null;
    }

    public static void Report(SourceProductionContext output, string? referencedVersion)
    {
        if (referencedVersion is not null)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RuntimeTooOld, Location.None, referencedVersion, Minimum.ToString(3)));
        }
    }

    // Assembly versions have four parts; the minimum is written with three.
    private static Version Normalize(Version version) => new(version.Major, version.Minor, Math.Max(version.Build, 0));
}
