using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Paging;
using Dms.Codegen.Workflow.Tests.Api;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>
/// ListSQLReviewOriginSQL pages through <c>OrderActionDetail.Page.{PageNumber,PageSize}</c> inside its JSON-encoded
/// query parameter: every page's request carries its page number there, and the caller's request, with the objects
/// it holds, stays as it was.
/// </summary>
public sealed class NestedPaginatorTests
{
    [Fact]
    public async Task Pages_go_over_the_wire_with_the_page_inside_the_JSON_parameter_and_the_callers_objects_unchanged()
    {
        var asked = new List<string>();
        await using var server = await LoopbackServer.StartAsync(async (context, number) =>
        {
            var query = context.Request.Query;
            using var detail = JsonDocument.Parse(query["OrderActionDetail"].ToString());
            var page = detail.RootElement.GetProperty("Page");
            var pageNumber = page.GetProperty("PageNumber").GetInt32();
            asked.Add($"{query["OrderId"]} {detail.RootElement.GetProperty("FileId").GetInt64()} {detail.RootElement.GetProperty("CheckStatusResult").GetString()} {pageNumber}/{page.GetProperty("PageSize").GetInt32()}");
            var start = (pageNumber - 1) * 2;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"RequestId":"r{{number}}","Success":true,"TotalCount":5,"OriginSQLList":[{{Rows(start, System.Math.Min(2, 5 - start))}}]}""");
        });
        using var client = new DmsClient(new DmsClientOptions { Endpoint = server.Endpoint, Credentials = DmsCredentials.AccessKey("testid", "testsecret") });
        var pageObject = new ListSQLReviewOriginSQLRequest.Types.Page { PageSize = 2 };
        var detailObject = new ListSQLReviewOriginSQLRequest.Types.OrderActionDetail { FileId = 3, CheckStatusResult = ListSQLReviewOriginSQLCheckStatusResult.CheckPass, Page = pageObject };
        var request = new ListSQLReviewOriginSQLRequest { OrderId = 7, OrderActionDetail = detailObject };

        var ids = new List<long?>();
        await foreach (var row in client.ListSQLReviewOriginSQLItemsAsync(request))
        {
            ids.Add(row.SQLId);
        }

        Assert.Equal(new long?[] { 0, 1, 2, 3, 4 }, ids);
        Assert.Equal(new[] { "7 3 check_pass 1/2", "7 3 check_pass 2/2", "7 3 check_pass 3/2" }, asked);
        Assert.Same(detailObject, request.OrderActionDetail);
        Assert.Same(pageObject, detailObject.Page);
        Assert.Null(pageObject.PageNumber);
        Assert.Equal(2, pageObject.PageSize);
        Assert.Equal(3, detailObject.FileId);
    }

    [Fact]
    public async Task Objects_the_caller_left_unset_are_created_per_page_and_a_resumed_enumeration_starts_at_its_page()
    {
        var (client, mock) = MockClient.Create();
        var seen = new List<ListSQLReviewOriginSQLRequest>();
        mock.On<ListSQLReviewOriginSQLRequest, ListSQLReviewOriginSQLResponse>("ListSQLReviewOriginSQL", r =>
        {
            seen.Add(r);
            var start = (r.OrderActionDetail!.Page!.PageNumber!.Value - 1) * 4;
            return Dms.Codegen.Json.DmsJson.Deserialize<ListSQLReviewOriginSQLResponse>($$"""{"TotalCount":10,"OriginSQLList":[{{Rows(start, System.Math.Min(4, 10 - start))}}]}""");
        });
        var request = new ListSQLReviewOriginSQLRequest { OrderId = 7 };

        var pages = new List<ListSQLReviewOriginSQLResponse>();
        await foreach (var page in client.ListSQLReviewOriginSQLPagesAsync(request, new DmsPageOptions { ContinuationToken = "2", PageSizeHint = 4 }))
        {
            pages.Add(page);
        }

        Assert.Equal(new[] { 4, 2 }, pages.Select(p => p.OriginSQLList!.Count));
        Assert.Equal(new int?[] { 2, 3 }, seen.Select(r => r.OrderActionDetail!.Page!.PageNumber));
        Assert.All(seen, r => Assert.Equal(4, r.OrderActionDetail!.Page!.PageSize));
        Assert.NotSame(seen[0].OrderActionDetail, seen[1].OrderActionDetail);
        Assert.Null(request.OrderActionDetail);
    }

    private static string Rows(int start, int count) =>
        string.Join(",", Enumerable.Range(start, System.Math.Max(0, count)).Select(i => $$"""{"SQLId":{{i}}}"""));
}
