using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// Page and size fields nested inside object parameters (<c>Detail.Page.PageNumber</c>, as ListSQLReviewOriginSQL
/// pages): resolved by the same path rule as response paths, each wrong path a diagnostic at the YAML value, and a
/// page copy that compiles whatever the path's objects require.
/// </summary>
public class NestedPaginationTests
{
    private const string Operation = """
        operation: ListThings
        parameters:
          OrderId: { type: int64, required: true }
          Detail:
            type: object
            style: json
            properties:
              Filter: { type: string }
              Tags: { type: array, items: { type: string } }
              Page:
                type: object
                properties:
                  PageNumber: { type: int32 }
                  PageSize: { type: int32 }
        response:
          properties:
            Rows: { type: array, items: { properties: { Id: { type: int64 } } } }
            TotalCount: { type: int32 }

        """;

    // The page value is on line 21, the size value on line 22; both start at column 9.
    private static string Paged(string page = "Detail.Page.PageNumber", string? size = "Detail.Page.PageSize", string operation = Operation) =>
        operation + $"pagination:\n  style: pageNumber\n  page: {page}\n{(size is null ? "" : $"  size: {size}\n")}  items: Rows\n  total: TotalCount\n";

    [Fact]
    public void A_nested_page_and_size_generate_a_copy_of_each_object_on_the_path()
    {
        var run = Compiled(Paged());
        var source = run.Source("ListThings.g.cs");
        Assert.Contains("static request => DmsPaging.Text(request.Detail?.Page?.PageNumber),", source);
        Assert.Contains("""
                    OrderId = request.OrderId,
                    Detail = new()
                    {
                        Filter = request.Detail?.Filter,
                        Tags = request.Detail?.Tags,
                        Page = new()
                        {
                            PageNumber = DmsPaging.Int32(cursor) ?? request.Detail?.Page?.PageNumber,
                            PageSize = size ?? request.Detail?.Page?.PageSize,
                        },
                    },
                };
            """, source.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_nested_token_is_copied_like_a_page_number()
    {
        var operation = Operation.Replace("PageNumber: { type: int32 }", "Token: { type: string }").Replace("TotalCount: { type: int32 }", "NextToken: { type: string }");
        var source = Compiled(operation + "pagination:\n  style: token\n  page: Detail.Page.Token\n  size: Detail.Page.PageSize\n  items: Rows\n  nextToken: NextToken\n").Source("ListThings.g.cs");
        Assert.Contains("static request => request.Detail?.Page?.Token,", source);
        Assert.Contains("Token = cursor ?? request.Detail?.Page?.Token,", source);
    }

    [Fact]
    public void A_misspelt_inner_member_is_DMS0044_at_the_page_naming_what_the_object_has() =>
        WorkflowTests.AssertAt(WorkflowTests.Single(Paged(page: "Detail.Page.PageNo"), "DMS0044"), 21, 9, "'Detail.Page' has no member 'PageNo' (it has: PageNumber, PageSize)");

    [Fact]
    public void A_misspelt_parameter_is_DMS0044() =>
        WorkflowTests.AssertAt(WorkflowTests.Single(Paged(page: "Detial.Page.PageNumber"), "DMS0044"), 21, 9, "'Detial.Page.PageNumber' is not a parameter of ListThings");

    [Fact]
    public void A_wrong_size_path_is_DMS0044_at_the_size() =>
        WorkflowTests.AssertAt(WorkflowTests.Single(Paged(size: "Detail.Page.Size"), "DMS0044"), 22, 9, "has no member 'Size'");

    [Fact]
    public void A_path_through_a_scalar_is_DMS0041() =>
        WorkflowTests.AssertAt(WorkflowTests.Single(Paged(page: "Detail.Filter.PageNumber"), "DMS0041"), 21, 9, "'Detail.Filter' is a string, which has no members");

    [Fact]
    public void A_path_through_an_array_is_DMS0041() =>
        WorkflowTests.AssertAt(WorkflowTests.Single(Paged(page: "Detail.Tags.PageNumber"), "DMS0041"), 21, 9, "array");

    [Fact]
    public void A_path_that_ends_at_an_object_is_DMS0041() =>
        WorkflowTests.AssertAt(WorkflowTests.Single(Paged(page: "Detail.Page"), "DMS0041"), 21, 9, "is an object; the page must be int32, int64 or string");

    [Fact]
    public void A_required_member_of_an_object_the_request_may_leave_unset_is_DMS0041()
    {
        var spec = Paged(size: null, operation: Operation.Replace("PageSize: { type: int32 }", "PageSize: { type: int32 }\n          Cursor: { type: string, required: true }"));
        WorkflowTests.AssertAt(WorkflowTests.Single(spec, "DMS0041"), 22, 9, "'Detail.Page' has the required member 'Cursor'");
    }

    [Fact]
    public void Required_objects_on_the_path_are_read_without_null_checks_and_their_required_members_kept()
    {
        var operation = Operation
            .Replace("style: json\n", "style: json\n    required: true\n")
            .Replace("      type: object\n        properties:\n          PageNumber", "      type: object\n        required: true\n        properties:\n          PageNumber")
            .Replace("PageSize: { type: int32 }", "PageSize: { type: int32 }\n          Cursor: { type: string, required: true }");
        var source = Compiled(Paged(operation: operation)).Source("ListThings.g.cs");
        Assert.Contains("Cursor = request.Detail.Page.Cursor,", source);
        Assert.Contains("PageNumber = DmsPaging.Int32(cursor) ?? request.Detail.Page.PageNumber,", source);
    }

    [Fact]
    public void A_named_type_on_the_path_is_copied_with_its_additional_members()
    {
        var operation = """
            operation: ListThings
            parameters:
              Detail: { type: ThingQuery, style: json }
            response:
              properties:
                Rows: { type: array, items: { properties: { Id: { type: int64 } } } }
                TotalCount: { type: int32 }
            types:
              ThingQuery:
                properties:
                  Name: { type: string, required: true }
                  Page:
                    type: object
                    properties:
                      PageNumber: { type: int32 }
                      PageSize: { type: int32 }

            """;
        var source = Compiled(Paged(operation: operation)).Source("ListThings.g.cs");
        Assert.Contains("Name = request.Detail?.Name,", source);
        Assert.Contains("AdditionalProperties = request.Detail?.AdditionalProperties,", source);
        Assert.Contains("PageSize = size ?? request.Detail?.Page?.PageSize,", source);
    }

    [Fact]
    public void A_path_through_a_type_of_another_spec_file_is_DMS0041()
    {
        const string operation = """
            operation: ListThings
            parameters:
              Detail: { type: SharedQuery, style: json }
            response:
              properties:
                Rows: { type: array, items: { properties: { Id: { type: int64 } } } }
                TotalCount: { type: int32 }

            """;
        var shared = "types:\n  SharedQuery:\n    properties:\n      Page:\n        properties: { PageNumber: { type: int32 }, PageSize: { type: int32 } }\n";
        var run = GeneratorHarness.Run(("/specs/a.yaml", Paged(operation: operation)), ("/specs/b.yaml", shared));
        var diagnostics = run.SpecDiagnostics.Where(d => d.Id == "DMS0041").ToList();
        Assert.Equal(2, diagnostics.Count); // the page and the size
        WorkflowTests.AssertAt(diagnostics[0], 10, 9, "is the type 'SharedQuery' of another spec file");
    }

    private static GeneratorRun Compiled(string yaml)
    {
        var run = GeneratorHarness.Run(("/specs/test.yaml", yaml));
        Assert.Empty(run.SpecDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return run;
    }
}
