using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Generator.Parsing;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using YamlDotNet.RepresentationModel;
using YamlNode = YamlDotNet.RepresentationModel.YamlNode;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// The JSON Schema editors use (specs/schema) agrees with the parser: the same keys at every level, the real
/// specs validate, and broken ones do not.
/// </summary>
public class SpecSchemaTests
{
    private static string SchemaPath => Path.Combine(BaselineFiles.RepositoryRoot(), "specs", "schema", "dms-spec.schema.json");

    public static IEnumerable<object[]> SpecFiles =>
        Directory.GetFiles(Path.Combine(BaselineFiles.RepositoryRoot(), "specs"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(BaselineFiles.RepositoryRoot(), "tests", "Dms.Codegen.IntegrationTests", "Specs"), "*.yaml"))
            .Select(path => new object[] { Path.GetRelativePath(BaselineFiles.RepositoryRoot(), path) });

    [Fact]
    public void TheSchemaHasExactlyTheKeysTheParserAccepts()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var root = document.RootElement;
        var definitions = root.GetProperty("definitions");

        AssertKeys(SpecParser.OperationKeys, root);
        AssertKeys(SchemaParser.SchemaKeys, definitions.GetProperty("schema"));
        AssertKeys(SpecParser.ParameterKeys, definitions.GetProperty("parameter"));
        AssertKeys(SpecParser.ResponseKeys, definitions.GetProperty("response"));
        AssertKeys(SpecParser.ExampleKeys, definitions.GetProperty("response").GetProperty("properties").GetProperty("examples").GetProperty("items"));
        AssertKeys(SpecParser.TypeKeys, definitions.GetProperty("objectType"));
        AssertKeys(EnumParser.EnumKeys, definitions.GetProperty("enum"));
        AssertKeys(EnumParser.ValueKeys, definitions.GetProperty("enum").GetProperty("properties").GetProperty("values").GetProperty("additionalProperties").GetProperty("anyOf")[1]);
        Assert.Equal(
            SchemaParser.BuiltInTypes,
            definitions.GetProperty("schema").GetProperty("properties").GetProperty("type").GetProperty("anyOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [MemberData(nameof(SpecFiles))]
    public async Task EverySpecInTheRepositoryValidates(string relativePath)
    {
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(SchemaPath);
        var errors = schema.Validate(ToJson(File.ReadAllText(Path.Combine(BaselineFiles.RepositoryRoot(), relativePath))));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task EveryImportedLibrarySpecValidates()
    {
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(SchemaPath);
        var files = Directory.GetFiles(Path.Combine(BaselineFiles.RepositoryRoot(), "specs", "library"), "*.yaml");
        var failures = files
            .Select(file => (file, errors: schema.Validate(ToJson(File.ReadAllText(file)))))
            .Where(r => r.errors.Count > 0)
            .Select(r => $"{Path.GetFileName(r.file)}: {string.Join("; ", r.errors.Take(3).Select(e => $"{e.Path} {e.Kind}"))}")
            .ToList();

        Assert.Equal(325 - Directory.GetFiles(Path.Combine(BaselineFiles.RepositoryRoot(), "specs"), "*.yaml").Length, files.Length);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData("operation: A\nsumary: typo\n")]
    [InlineData("operation: A\nmethod: PUT\n")]
    [InlineData("operation: A\nparameters:\n  Id: { type: int64, in: body }\n")]
    [InlineData("operation: A\nparameters:\n  Id: { type: array, style: csv, items: { type: string } }\n")]
    [InlineData("operation: A\nresponse:\n  properties:\n    X: { type: string, descripton: typo }\n")]
    [InlineData("enums:\n  E:\n    type: boolean\n    values: { A: a }\n")]
    [InlineData("version: \"2018-11-01\"\n")]
    public async Task BrokenSpecsDoNotValidate(string yaml)
    {
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(SchemaPath);
        Assert.NotEmpty(schema.Validate(ToJson(yaml)));
    }

    private static void AssertKeys(IEnumerable<string> parserKeys, JsonElement schemaObject) =>
        Assert.Equal(parserKeys.OrderBy(k => k, System.StringComparer.Ordinal), schemaObject.GetProperty("properties").EnumerateObject().Select(p => p.Name).OrderBy(k => k, System.StringComparer.Ordinal));

    /// <summary>YAML to JSON as the generator reads it: plain true/false are booleans, everything else text.</summary>
    private static string ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode).ToString();

        static JToken Convert(YamlNode node) => node switch
        {
            YamlMappingNode mapping => new JObject(mapping.Children.Select(c => new JProperty(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } scalar => new JValue(scalar.Value == "true"),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" } => JValue.CreateNull(),
            YamlScalarNode scalar => new JValue(scalar.Value),
            _ => JValue.CreateNull(),
        };
    }
}
