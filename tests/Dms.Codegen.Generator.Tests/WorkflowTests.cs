using System.IO;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Generator.Parsing;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// <c>waiters:</c>, <c>pagination:</c> and <c>stream:</c>: each mistake is a diagnostic at its YAML line and column,
/// the JSON Schema knows the same keys, and the generated paginator and stream methods match their baselines
/// (the waiters are in the two seed specs' baselines).
/// </summary>
public class WorkflowTests
{
    private const string Operation = """
        operation: GetThing
        parameters:
          OrderId: { type: int64, required: true }
          PageNumber: { type: int32 }
          PageSize: { type: int32 }
          Filter: { type: ThingFilter }
        response:
          properties:
            RequestId: { type: string }
            Detail:
              properties:
                Info:
                  properties:
                    JobStatus: { type: ThingStatus }
                    Count: { type: int32 }
                Rows:
                  type: array
                  items: { properties: { Id: { type: int64 } } }
            TotalCount: { type: int64 }
        enums:
          ThingStatus:
            values: { RUNNING: running, DONE: done, FAILED: failed, PAUSED: paused }
          ThingFilter:
            values: { ALL: all }

        """;

    private static string Waiter(string status, string states = "success: [DONE]") =>
        Operation + $"waiters:\n  Done:\n    status: {status}\n    {states}\n";

    [Fact]
    public void A_valid_waiter_and_pagination_generate_without_diagnostics()
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", Waiter("Detail.Info.JobStatus", "success: [DONE]\n    failure: [FAILED]\n    blocked: [PAUSED]\n    waiting: [RUNNING]\n    delay: 500ms\n    maxDelay: 5s\n    backoff: 2\n    maxWait: 1h") + "pagination:\n  style: pageNumber\n  page: PageNumber\n  size: PageSize\n  items: Detail.Rows\n  total: TotalCount\n"));
        Assert.Empty(run.SpecDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var extensions = run.Output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".GetThingExtensions")!;
        Assert.Equal(new[] { "GetThingItemsAsync", "GetThingPagesAsync", "WaitDoneAsync" }, extensions.GetMembers().OfType<IMethodSymbol>().Where(m => m.DeclaredAccessibility == Accessibility.Public).Select(m => m.Name).Distinct().Order());
    }

    [Fact]
    public void A_wrong_status_path_is_DMS0040_at_the_path() =>
        AssertAt(Single(Waiter("Detail.Inof.JobStatus"), "DMS0040"), 27, 13, "Inof");

    [Fact]
    public void A_status_path_that_ends_at_an_object_is_DMS0041() =>
        AssertAt(Single(Waiter("Detail.Info"), "DMS0041"), 27, 13, "an object");

    [Fact]
    public void A_status_path_through_an_array_is_DMS0041() =>
        AssertAt(Single(Waiter("Detail.Rows.Id"), "DMS0041"), 27, 13, "array");

    [Fact]
    public void An_unknown_state_name_is_DMS0042_at_the_state() =>
        AssertAt(Single(Waiter("Detail.Info.JobStatus", "success: [DONE, FINISHED]"), "DMS0042"), 28, 21, "FINISHED");

    [Fact]
    public void A_state_of_a_scalar_status_must_fit_its_kind() =>
        AssertAt(Single(Waiter("Detail.Info.Count", "success: [\"3\", three]"), "DMS0042"), 28, 20, "three");

    [Fact]
    public void A_state_listed_twice_is_DMS0043() =>
        AssertAt(Single(Waiter("Detail.Info.JobStatus", "success: [DONE]\n    failure: [FAILED, DONE]"), "DMS0043"), 29, 23, "DONE");

    [Fact]
    public void A_waiter_without_success_states_is_DMS0003() =>
        AssertAt(Single(Operation + "waiters:\n  Done:\n    status: Detail.Info.JobStatus\n", "DMS0003"), 26, 3, "success");

    [Fact]
    public void A_malformed_duration_is_DMS0004() =>
        AssertAt(Single(Waiter("Detail.Info.JobStatus", "success: [DONE]\n    delay: soon"), "DMS0004"), 29, 12, "duration");

    [Fact]
    public void Pagination_on_an_operation_without_the_fields_is_DMS0044() =>
        AssertAt(Single(Operation + "pagination:\n  style: token\n  page: NextToken\n  nextToken: TotalCount\n", "DMS0044"), 27, 9, "NextToken");

    [Fact]
    public void Pagination_items_that_are_not_an_array_is_DMS0041() =>
        AssertAt(Single(Operation + "pagination:\n  style: pageNumber\n  page: PageNumber\n  items: Detail.Info\n", "DMS0041"), 28, 10, "array");

    [Fact]
    public void A_page_parameter_of_the_wrong_kind_is_DMS0041() =>
        AssertAt(Single(Operation + "pagination:\n  style: pageNumber\n  page: Filter\n", "DMS0041"), 27, 9, "ThingFilter");

    [Fact]
    public void A_token_pagination_needs_a_next_token() =>
        Single(Operation.Replace("PageNumber: { type: int32 }", "NextToken: { type: string }") + "pagination:\n  style: token\n  page: NextToken\n", "DMS0003");

    [Fact]
    public void The_schema_knows_exactly_the_keys_the_parsers_accept()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(BaselineFiles.RepositoryRoot(), "specs", "schema", "dms-spec.schema.json")));
        var definitions = document.RootElement.GetProperty("definitions");
        Assert.Equal(WaiterParser.WaiterKeys.Order(), definitions.GetProperty("waiter").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(PaginationParser.PaginationKeys.Order(), definitions.GetProperty("pagination").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("ListOrders")]
    [InlineData("ListDataLakeTable")]
    [InlineData("ChatWithDesensitizeSSE")]
    public void Generated_paginators_and_streams_match_their_baselines(string operation)
    {
        var spec = File.ReadAllText(Path.Combine(BaselineFiles.RepositoryRoot(), "specs", "library", operation + ".yaml"));
        var run = GeneratorHarness.Run(("/specs/" + operation + ".yaml", spec));
        Assert.Empty(run.SpecDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var baseline = Path.Combine("Workflows", operation + ".g.cs.txt");
        if (BaselineFiles.Updating)
        {
            BaselineFiles.Write(baseline, run.Source(operation + ".g.cs"));
        }

        Assert.Equal(BaselineFiles.Read(baseline), run.Source(operation + ".g.cs"));
    }

    private static Diagnostic Single(string yaml, string id)
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", yaml));
        var matching = run.SpecDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", run.SpecDiagnostics)}");
        Assert.DoesNotContain(run.HintNames, n => !n.StartsWith("DmsClient.", System.StringComparison.Ordinal));
        return matching[0];
    }

    private static void AssertAt(Diagnostic diagnostic, int line, int column, string mentions)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.True((line, column) == (position.Line + 1, position.Character + 1), $"{diagnostic.Id} at {position.Line + 1},{position.Character + 1}, expected {line},{column}: {diagnostic.GetMessage()}");
        Assert.Contains(mentions, diagnostic.GetMessage());
    }
}
