using System;
using System.Reflection;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Nested arrays and maps are read and written by readers and writers composed from the runtime's
/// ArrayReader/MapReader and ArrayWriter/MapWriter (see FileHelpers): the generated code is compiled, loaded and
/// run on JSON, so the composition is shown to read, write and refuse null items at every level, not only to
/// compile.
/// </summary>
public class NestedJsonRoundTripTests
{
    // Written back without whitespace, so equal text means every level was read and written.
    [Theory]
    [InlineData("{ type: array, items: { type: array, items: { type: array, items: { type: int32 } } } }", "[[[1,2],[3]],[],[[4]]]")]
    [InlineData("{ type: map, additionalProperties: { type: map, additionalProperties: { type: map, additionalProperties: { type: string } } } }", """{"a":{"b":{"c":"x","d":"y"}},"e":{}}""")]
    [InlineData("{ type: array, items: { type: map, additionalProperties: { type: array, items: { type: boolean } } } }", """[{"k":[true,false]},{"l":[]}]""")]
    [InlineData("{ type: map, additionalProperties: { type: array, items: { type: map, additionalProperties: { type: double } } } }", """{"m":[{"n":1.5},{}]}""")]
    public void NestedValuesRoundTrip(string type, string json)
    {
        var probe = Compile(type);

        Assert.Equal(json, probe("{\"Data\":" + json + "}"));
    }

    [Theory]
    [InlineData("[[[1],null]]")]
    [InlineData("[[null]]")]
    public void ANullNestedItemIsAJsonError(string json)
    {
        var probe = Compile("{ type: array, items: { type: array, items: { type: array, items: { type: int32 } } } }");

        var error = Assert.Throws<TargetInvocationException>(() => probe("{\"Data\":" + json + "}"));
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException);
        Assert.Contains("null is not allowed", error.InnerException!.Message, StringComparison.Ordinal);
    }

    /// <summary>Generates an operation whose response member Data is <paramref name="type"/>, and a function that reads a response and writes its Data back.</summary>
    private static Func<string, string> Compile(string type)
    {
        var spec = $"operation: Deep\nresponse:\n  properties:\n    Data: {type}\n";
        var run = GeneratorHarness.Run(("/specs/deep.yaml", spec));
        Assert.True(run.SpecDiagnostics.IsEmpty, string.Join("\n", run.SpecDiagnostics));

        const string Probe = """
            namespace Contoso.Dms;

            internal static class Probe
            {
                public static string RoundTrip(string json)
                {
                    var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
                    reader.Read();
                    var response = DeepResponse.ReadJson(ref reader);
                    var buffer = new System.IO.MemoryStream();
                    using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                    {
                        response.WriteJson(writer);
                    }

                    var written = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
                    return written.RootElement.GetProperty("Data").GetRawText();
                }
            }
            """;
        var method = GeneratorHarness.LoadProbe(run, Probe, "RoundTrip");
        return json => (string)method.Invoke(null, new object[] { json })!;
    }
}
