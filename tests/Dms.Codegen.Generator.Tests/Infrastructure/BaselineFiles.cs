using System;
using System.IO;

namespace Dms.Codegen.Generator.Tests.Infrastructure;

/// <summary>
/// Checked-in expected outputs. Run the tests with <c>DMS_UPDATE_BASELINES=1</c> to rewrite them after an
/// intended change, then review the diff like any other code change.
/// </summary>
internal static class BaselineFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("DMS_UPDATE_BASELINES") == "1";

    /// <summary>The source folder (not bin/), found from this file's location at build time.</summary>
    public static string Directory([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Baselines");

    /// <summary>The repository root, for tests that check files outside the test project.</summary>
    public static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Directory(), "..", "..", ".."));

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory(), name)).ReplaceLineEndings("\n");

    public static void Write(string name, string content)
    {
        var path = Path.Combine(Directory(), name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
