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
        var hintNames = run.HintNames.OrderBy(n => n, System.StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "DmsClient.Operations.g.cs", "DmsClient.g.cs", operation + ".g.cs" }, hintNames);
        if (BaselineFiles.Updating)
        {
            foreach (var hintName in hintNames)
            {
                BaselineFiles.Write(System.IO.Path.Combine(operation, hintName + ".txt"), run.Source(hintName));
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
            },
        };

        foreach (var hintName in hintNames)
        {
            // The testing library compares every generated file with these, and the set of files too.
            var expected = BaselineFiles.Read(System.IO.Path.Combine(operation, hintName + ".txt"));
            test.TestState.GeneratedSources.Add((typeof(DmsClientGenerator), hintName, SourceText.From(expected, System.Text.Encoding.UTF8)));
        }

        test.TestState.AdditionalReferences.AddRange(GeneratorHarness.MetadataReferences);
        await test.RunAsync(CancellationToken.None);
    }
}
