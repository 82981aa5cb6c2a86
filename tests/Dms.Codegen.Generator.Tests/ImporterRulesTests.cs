using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.SpecImporter;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// The importer's doc and value-list rules, on small metadata and on Alibaba's real metadata (Data/): each rule is
/// recognised from the metadata, and the report says where it applied.
/// </summary>
public class ImporterRulesTests
{
    private static readonly Lazy<(ImportReport Report, System.Collections.Generic.Dictionary<string, string> Specs)> Real = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "dms-enterprise-2018-11-01.api-docs.json")));
        var report = new ImportReport();
        var specs = ApiDocsImporter.ImportAll(document.RootElement, "2018-11-01", report).ToDictionary(s => s.Operation, s => s.Yaml);
        return (report, specs);
    });

    [Fact]
    public void TheSummaryKeepsTheListItIntroducesAndTheRemarksHoldOnlyTheRest()
    {
        var yaml = ImportOne("""{ "type": "string", "description": "The scope. Valid values:", "x-fullDescription": "The scope. Valid values:\n- **ALL**: all.\n- **MINE**: mine.\n> Admins only.", "enum": ["ALL", "MINE"] }""");
        Assert.Contains("description: \"The scope. Valid values:\\n- **ALL**: all.\\n- **MINE**: mine.\"", yaml, StringComparison.Ordinal);
        Assert.Contains("remarks: \"> Admins only.\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ASummaryThatIntroducesNothingEndsAsASentenceAndPlainLinesBecomeParagraphs()
    {
        var yaml = ImportOne("""{ "type": "object", "additionalProperties": { "type": "any" }, "description": "The parameters. Sample code:", "x-fullDescription": "The parameters. Sample code:\n```json\n{}\n```\nFirst note.\nSecond note." }""", style: "json");
        Assert.Contains("description: \"The parameters.\"", yaml, StringComparison.Ordinal);
        Assert.Contains("remarks: \"Sample code:\\n```json\\n{}\\n```\\nFirst note.\\n\\nSecond note.\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRemarksRepeatTheirSummaryAnywhereInTheLibrary()
    {
        foreach (var (operation, yaml) in Real.Value.Specs)
        {
            var lines = yaml.Split('\n');
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("remarks: ", StringComparison.Ordinal) && lines[i - 1].TrimStart().StartsWith("description: ", StringComparison.Ordinal))
                {
                    var summary = lines[i - 1].Trim()["description: ".Length..].TrimEnd('"');
                    Assert.False(lines[i].Contains(summary, StringComparison.Ordinal), $"{operation}: {lines[i]}");
                }

                Assert.False(lines[i].TrimStart().StartsWith("description: ", StringComparison.Ordinal) && lines[i].EndsWith("Valid values:\"", StringComparison.Ordinal), $"{operation}: {lines[i]}");
            }
        }
    }

    [Fact]
    public void EachValueListRuleAppliesWhereTheMetadataCallsForItAndNowhereElse()
    {
        var report = Real.Value.Report.Entries.ToLookup(e => e.Rule, e => e.Where);
        Assert.Equal(new[] { "AddAuthorityTemplateItems.ResourceType LOGIC_TABLE", "AnalyzeSQLLineage.LineageType FIELD_INFLU_TABLE", "GetAuthorityTemplateItem.ResourceType LOGIC_TABLE" }, report[EnumRules.DuplicateValue].Order());
        Assert.Equal(new[] { "CreateLakeHouseSpace.SpaceConfig", "GetLhSpaceByName.SpaceConfig", "ListSQLReviewOriginSQL.ReviewSummary" }, report[EnumRules.JsonKeys].Order());
        Assert.Equal(new[] { "GrantUserPermission.PermTypes", "RegisterUser.RoleNames" }, report[EnumRules.CommaJoined].Order());
        Assert.Empty(report[EnumRules.CommaJoinedString]);
        Assert.Equal(new[] { "ListColumns.FunctionType", "ListTableColumns.FunctionType" }, report[EnumRules.NullIsNoValue].Order());
        Assert.Equal(new[] { "AddInstance.UseSsl -1 -> Minus1", "ModifyInstance.UseSsl -1 -> Minus1" }, report[EnumRules.NegativeName].Order());
    }

    [Fact]
    public void TheFixedListsReadAsTheyShould()
    {
        var specs = Real.Value.Specs;
        Assert.Contains("LOGIC_TABLE: \"logical table (also documented as: physical table).\"", specs["AddAuthorityTemplateItems"], StringComparison.Ordinal);
        Assert.Contains("FIELD_INFLU_TABLE: \"Fields influence tables (also documented as: Tables influence fields).\"", specs["AnalyzeSQLLineage"], StringComparison.Ordinal);
        Assert.DoesNotContain("CreateLakeHouseSpaceSpaceConfig", specs["CreateLakeHouseSpace"], StringComparison.Ordinal);
        Assert.Contains("remarks: \"The keys of the JSON object:\\n- **skipManualRunCheck**", specs["CreateLakeHouseSpace"], StringComparison.Ordinal);
        Assert.Contains("  RoleNames:\n    type: \"array\"\n    items:\n      type: \"RegisterUserRoleNames\"", specs["RegisterUser"], StringComparison.Ordinal);
        Assert.Contains("style: \"simple\"", specs["RegisterUser"], StringComparison.Ordinal);
        Assert.DoesNotContain("\"null\":", specs["ListColumns"], StringComparison.Ordinal);
        Assert.Contains("No value (null) means: No masking algorithm is used.", specs["ListColumns"], StringComparison.Ordinal);
        Assert.Contains("name: \"Minus1\"", specs["AddInstance"], StringComparison.Ordinal);
        Assert.DoesNotContain("Value12", specs["ModifyInstance"], StringComparison.Ordinal);
    }

    [Fact]
    public void AResponseStringOfCommaJoinedValuesBecomesAString()
    {
        var report = new ImportReport();
        using var api = Api(parameter: null, response: """{ "type": "string", "description": "The roles. Separate multiple roles with commas (,). Valid values:", "x-fullDescription": "The roles. Separate multiple roles with commas (,). Valid values:\n- **A**: a\n- **B**: b", "enum": ["A", "B"] }""");
        var yaml = ApiDocsImporter.Import("GetThing", api.RootElement, "2018-11-01", report);
        Assert.Contains("    Value:\n      type: \"string\"", yaml, StringComparison.Ordinal);
        Assert.Equal(new[] { "GetThing.Value" }, report.Entries.Where(e => e.Rule == EnumRules.CommaJoinedString).Select(e => e.Where));
    }

    private static string ImportOne(string schema, string? style = null)
    {
        using var api = Api(parameter: schema, response: null, style);
        return ApiDocsImporter.Import("GetThing", api.RootElement, "2018-11-01");
    }

    private static JsonDocument Api(string? parameter, string? response, string? style = null)
    {
        var parameters = parameter is null ? "[]" : $$"""[{ "name": "Value", "in": "query", {{(style is null ? string.Empty : $"\"style\": \"{style}\",")}} "schema": {{parameter}} }]""";
        var body = response is null ? "{}" : $$"""{ "Value": {{response}} }""";
        return JsonDocument.Parse($$"""{ "methods": ["post"], "parameters": {{parameters}}, "responses": { "200": { "schema": { "type": "object", "properties": {{body}} } } } }""");
    }
}
