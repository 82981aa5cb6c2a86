using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// The generated sources for the two seed specs, compared byte for byte with the checked-in baselines in
/// Baselines/, through the Roslyn source generator testing library (which also compiles the result).
/// </summary>
public class BaselineTests
{
    // The runtime under test is built for the running framework, so the consumer compilation references the
    // running framework's assemblies (the harness's list) instead of a reference pack fetched from NuGet.
    private static readonly ReferenceAssemblies NoPackReferenceAssemblies = new("net10.0");

    public static IEnumerable<object[]> Specs => new[] { new object[] { "GetDataExportOrderDetail" }, new object[] { "GetDataTrackJobDegree" } };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task GeneratedSourceMatchesBaseline(string operation)
    {
        var spec = GeneratorHarness.RealSpec(operation + ".yaml");
        var run = GeneratorHarness.Run(spec);
        var generated = new Dictionary<string, string>
        {
            [operation + ".g.cs"] = run.Source(operation + ".g.cs"),
            ["DmsClient.g.cs"] = run.Source("DmsClient.g.cs"),
        };

        if (BaselineFiles.Updating)
        {
            foreach (var pair in generated)
            {
                BaselineFiles.Write(pair.Key == "DmsClient.g.cs" ? "DmsClient.g.cs.txt" : pair.Key + ".txt", pair.Value);
            }
        }

        var test = new CSharpSourceGeneratorTest<DmsClientGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = NoPackReferenceAssemblies,
            TestState =
            {
                AdditionalFiles = { (spec.Path, spec.Text) },
                AnalyzerConfigFiles =
                {
                    ("/.globalconfig", $"is_global = true\nbuild_property.DmsCodegenNamespace = {GeneratorHarness.Namespace}\n"),
                    ("/specs/.editorconfig", "root = true\n[*.yaml]\nbuild_metadata.AdditionalFiles.DmsSpec = true\n"),
                },
                GeneratedSources =
                {
                    (typeof(DmsClientGenerator), "DmsClient.g.cs", SourceText.From(BaselineFiles.Read("DmsClient.g.cs.txt"), System.Text.Encoding.UTF8)),
                    (typeof(DmsClientGenerator), operation + ".g.cs", SourceText.From(BaselineFiles.Read(operation + ".g.cs.txt"), System.Text.Encoding.UTF8)),
                },
            },
        };

        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.MetadataReferences);
        await test.RunAsync(CancellationToken.None);
    }
}
