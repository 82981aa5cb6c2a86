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
    public void Two_waiters_of_one_name_on_two_operations_are_DMS0045_at_each_waiter_naming_the_other_file()
    {
        var run = GeneratorHarness.Run(("/specs/a.yaml", Waiter("Detail.Info.JobStatus")), ("/specs/b.yaml", Waiter("Detail.Info.JobStatus").Replace("Thing", "Other")));
        var found = run.SpecDiagnostics.OrderBy(d => d.Location.GetLineSpan().Path, System.StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "DMS0045", "DMS0045" }, found.Select(d => d.Id));
        Assert.Equal(new[] { "/specs/a.yaml", "/specs/b.yaml" }, found.Select(d => d.Location.GetLineSpan().Path));
        AssertAt(found[0], 26, 3, "'WaitDoneAsync' is generated here and by /specs/b.yaml");
        AssertAt(found[1], 26, 3, "'WaitDoneAsync' is generated here and by /specs/a.yaml");
        Assert.DoesNotContain(run.HintNames, n => !n.StartsWith("DmsClient.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_waiter_that_generates_another_operations_paginator_method_is_DMS0045_at_both()
    {
        var paged = Operation.Replace("GetThing", "WaitList").Replace("Thing", "Other") + "pagination:\n  style: pageNumber\n  page: PageNumber\n";
        var run = GeneratorHarness.Run(("/specs/a.yaml", Operation + "waiters:\n  ListPages:\n    status: Detail.Info.JobStatus\n    success: [DONE]\n"), ("/specs/b.yaml", paged));
        var found = run.SpecDiagnostics.OrderBy(d => d.Location.GetLineSpan().Path, System.StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "DMS0045", "DMS0045" }, found.Select(d => d.Id));
        AssertAt(found[0], 26, 3, "'WaitListPagesAsync' is generated here and by /specs/b.yaml");
        AssertAt(found[1], 25, 1, "'WaitListPagesAsync' is generated here and by /specs/a.yaml");
    }

    [Fact]
    public void A_type_may_have_a_waiter_methods_name_and_distinct_waiter_names_compile()
    {
        var other = Waiter("Detail.Info.JobStatus").Replace("Thing", "Other").Replace("  Done:", "  OtherDone:") + "types:\n  WaitDoneAsync:\n    properties: { Id: { type: int64 } }\n";
        var run = GeneratorHarness.Run(("/specs/a.yaml", Waiter("Detail.Info.JobStatus")), ("/specs/b.yaml", other));
        Assert.Empty(run.SpecDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotNull(run.Output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".WaitDoneAsync"));
        Assert.Contains(run.Output.GetTypeByMetadataName(GeneratorHarness.Namespace + ".GetOtherExtensions")!.GetMembers(), m => m.Name == "WaitOtherDoneAsync");
    }

    private const string SharedStatusOperation = """
        operation: GetThing
        response:
          properties:
            Info:
              properties:
                JobStatus: { type: SharedStatus }
        waiters:
          Done:
            status: Info.JobStatus

        """;

    private const string SharedStatusEnum = """
        enums:
          SharedStatus:
            values: { RUNNING: running, DONE: done, FAILED: failed }
        """;

    [Fact]
    public void A_status_enum_of_another_file_generates_a_waiter_that_compiles()
    {
        var run = GeneratorHarness.Run(("/specs/a.yaml", SharedStatusOperation + "    success: [DONE]\n    failure: [FAILED]\n"), ("/specs/b.yaml", SharedStatusEnum));
        Assert.Empty(run.SpecDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("static response => response.Info?.JobStatus?.Value,", run.Source("GetThing.g.cs"));
    }

    [Fact]
    public void A_state_that_an_enum_of_another_file_does_not_document_is_DMS0042_at_the_state()
    {
        var run = GeneratorHarness.Run(("/specs/a.yaml", SharedStatusOperation + "    success: [DONE, FINISHED]\n"), ("/specs/b.yaml", SharedStatusEnum));
        var diagnostic = Assert.Single(run.SpecDiagnostics);
        Assert.Equal("DMS0042", diagnostic.Id);
        Assert.Equal("/specs/a.yaml", diagnostic.Location.GetLineSpan().Path);
        AssertAt(diagnostic, 10, 21, "'FINISHED' is not a documented value of SharedStatus (documented: RUNNING, DONE, FAILED)");
        Assert.DoesNotContain("GetThing.g.cs", run.HintNames);
    }

    [Fact]
    public void A_status_of_a_named_object_type_is_DMS0041_at_the_path()
    {
        var objectType = SharedStatusEnum.Replace("enums:", "types:").Replace("values: { RUNNING: running, DONE: done, FAILED: failed }", "properties: { Code: { type: string } }");
        var run = GeneratorHarness.Run(("/specs/a.yaml", SharedStatusOperation + "    success: [DONE]\n"), ("/specs/b.yaml", objectType));
        AssertAt(Assert.Single(run.SpecDiagnostics), 9, 13, "is the type 'SharedStatus', an object");
    }

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
    [InlineData("ListSQLReviewOriginSQL")]
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

    /// <summary>The one diagnostic of <paramref name="id"/> a spec gets; nothing but the client is generated.</summary>
    internal static Diagnostic Single(string yaml, string id)
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", yaml));
        var matching = run.SpecDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", run.SpecDiagnostics)}");
        Assert.DoesNotContain(run.HintNames, n => !n.StartsWith("DmsClient.", System.StringComparison.Ordinal));
        return matching[0];
    }

    internal static void AssertAt(Diagnostic diagnostic, int line, int column, string mentions)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.True((line, column) == (position.Line + 1, position.Character + 1), $"{diagnostic.Id} at {position.Line + 1},{position.Character + 1}, expected {line},{column}: {diagnostic.GetMessage()}");
        Assert.Contains(mentions, diagnostic.GetMessage());
    }
}
