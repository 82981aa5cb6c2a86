namespace Dms.Codegen.Generator.Diagnostics;

/// <summary>
/// Where each diagnostic is explained: its anchor on docs/diagnostics.md, under the project's address
/// (<c>DmsCodegenRepositoryUrl</c> in Directory.Build.props, compiled in as <see cref="BuildInfo"/>).
/// </summary>
internal static class HelpLinks
{
    public const string Page = BuildInfo.RepositoryUrl + "/blob/" + BuildInfo.RepositoryBranch + "/docs/diagnostics.md";

    /// <summary>The link for one id: the page's section headed with the id (GitHub's anchor is the id in lower case).</summary>
    public static string For(string id) => Page + "#" + id.ToLowerInvariant();
}
