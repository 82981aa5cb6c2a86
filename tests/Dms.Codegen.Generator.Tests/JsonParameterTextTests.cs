using System;
using System.Reflection;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// A JSON-encoded parameter (<c>style: json</c>, and <c>flat</c>, which is built from the same JSON) is written by
/// generated code through the runtime's string writers: Utf8JsonWriter alone would write a lone surrogate as
/// U+FFFD and send other text than was set. The generated code is compiled, loaded and run.
/// </summary>
public class JsonParameterTextTests
{
    private const string Spec = """
        operation: PutThing
        parameters:
          Names: { type: array, items: { type: string }, style: json }
          Labels: { type: map, additionalProperties: { type: string }, style: json }
          Groups: { type: array, items: { type: map, additionalProperties: { type: array, items: { type: string } } }, style: json }
          Item: { type: object, properties: { Title: { type: string } }, style: json }
          Flat: { type: object, properties: { Title: { type: string } }, style: flat }
        response:
          properties:
            RequestId: { type: string }
        """;

    private static readonly Lazy<Func<string, string, string>> Build = new(Compile);

    public static TheoryData<string, string> Places() => new()
    {
        { "Names", "an array item" },
        { "LabelKey", "a map key" },
        { "LabelValue", "a map value" },
        { "Groups", "a string three levels down" },
        { "Item", "an object member" },
        { "Flat", "an object member of a flat parameter" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void ALoneSurrogateInAJsonParameterThrowsWhileTheRequestIsBuilt(string place, string what)
    {
        var error = Assert.Throws<TargetInvocationException>(() => Build.Value(place, "a\uD800b"));

        var argument = Assert.IsAssignableFrom<ArgumentException>(error.InnerException);
        Assert.True(argument.Message.Contains("lone surrogate at index 1", StringComparison.Ordinal), what + ": " + argument.Message);
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void ValidTextIncludingPairsAndTheReplacementCharacterIsSentAsSet(string place, string what)
    {
        var json = Build.Value(place, "a😀\uFFFDb");

        Assert.True(json.Contains("a😀\uFFFDb", StringComparison.Ordinal) || json.Contains("a\\uD83D\\uDE00\\uFFFDb", StringComparison.Ordinal), what + ": " + json);
    }

    /// <summary>A function that sets one parameter of a PutThing request to hold the text, builds the request and returns its parameters.</summary>
    private static Func<string, string, string> Compile()
    {
        var run = GeneratorHarness.Run(("/specs/put.yaml", Spec));
        Assert.True(run.SpecDiagnostics.IsEmpty, string.Join("\n", run.SpecDiagnostics));

        const string Probe = """
            using System.Collections.Generic;
            using System.Linq;
            namespace Contoso.Dms;

            internal static class Probe
            {
                public static string Build(string place, string text)
                {
                    var request = new PutThingRequest();
                    switch (place)
                    {
                        case "Names": request.Names = new[] { "ok", text }; break;
                        case "LabelKey": request.Labels = new Dictionary<string, string> { [text] = "v" }; break;
                        case "LabelValue": request.Labels = new Dictionary<string, string> { ["k"] = text }; break;
                        case "Groups": request.Groups = new[] { new Dictionary<string, IReadOnlyList<string>> { ["k"] = new[] { text } } }; break;
                        case "Item": request.Item = new() { Title = text }; break;
                        case "Flat": request.Flat = new() { Title = text }; break;
                    }

                    var wire = ((global::Dms.Codegen.Http.IDmsOperationRequest)request).BuildRequest();
                    return string.Join("&", wire.Query.Concat(wire.Form).Select(p => p.Key + "=" + p.Value));
                }
            }
            """;
        var method = GeneratorHarness.LoadProbe(run, Probe, "Build");
        return (place, text) => (string)method.Invoke(null, new object[] { place, text })!;
    }
}
