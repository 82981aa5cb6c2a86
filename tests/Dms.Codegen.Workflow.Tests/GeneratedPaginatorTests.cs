using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Json;
using Dms.Codegen.Paging;
using Dms.Codegen.Workflow.Tests.Api;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>
/// The paginators the importer declared in specs/library, one operation per DMS paging pattern, on a mocked client
/// whose pages are JSON bodies (items are <c>{"N": i}</c> objects, kept by the generated types as additional members).
/// </summary>
public sealed class GeneratedPaginatorTests
{
    [Fact]
    public async Task PageNumber_and_PageSize_ListOrders_follows_a_capped_page_size_to_the_total()
    {
        var (client, mock) = MockClient.Create();
        var asked = new List<(int? Page, int? Size)>();
        mock.On<ListOrdersRequest, ListOrdersResponse>("ListOrders", r =>
        {
            asked.Add((r.PageNumber, r.PageSize));
            var start = (r.PageNumber!.Value - 1) * 10; // the server caps pages at 10 whatever is asked
            return Page<ListOrdersResponse>($$$"""{"TotalCount":25,"Orders":{"Order":[{{{Items(start, Math.Min(10, 25 - start))}}}]}}""");
        });
        var request = new ListOrdersRequest { OrderStatus = ListOrdersOrderStatus.Running };
        var items = await Numbers(client.ListOrdersItemsAsync(request, new DmsPageOptions { PageSizeHint = 50 }), o => o.AdditionalProperties);
        Assert.Equal(Enumerable.Range(0, 25), items);
        Assert.Equal(new (int?, int?)[] { (1, 50), (2, 50), (3, 50) }, asked);
        Assert.Null(request.PageNumber); // the caller's request is never changed
        Assert.Null(request.PageSize);
    }

    [Fact]
    public async Task The_misspelt_PageNumer_of_ListDataImportSQLPreCheckDetail_is_paged_as_an_int64()
    {
        var (client, mock) = MockClient.Create();
        var asked = new List<long?>();
        mock.On<ListDataImportSQLPreCheckDetailRequest, ListDataImportSQLPreCheckDetailResponse>("ListDataImportSQLPreCheckDetail", r =>
        {
            asked.Add(r.PageNumer);
            var start = (int)((r.PageNumer!.Value - 1) * r.PageSize!.Value);
            return Page<ListDataImportSQLPreCheckDetailResponse>($$"""{"TotalCount":12,"PreCheckSQLDetailList":[{{Items(start, Math.Min(5, 12 - start))}}]}""");
        });
        var items = await Numbers(client.ListDataImportSQLPreCheckDetailItemsAsync(new() { OrderId = 9, PageSize = 5 }), i => i.AdditionalProperties);
        Assert.Equal(Enumerable.Range(0, 12), items);
        Assert.Equal(new long?[] { 1, 2, 3 }, asked);
    }

    [Fact]
    public async Task String_page_fields_without_a_total_end_at_the_short_page()
    {
        var (client, mock) = MockClient.Create();
        var asked = new List<(string? Page, string? Size)>();
        mock.On<ListAuthorizedDatabasesForUserRequest, ListAuthorizedDatabasesForUserResponse>("ListAuthorizedDatabasesForUser", r =>
        {
            asked.Add((r.PageNumber, r.PageSize));
            var start = (int.Parse(r.PageNumber!) - 1) * 10;
            return Page<ListAuthorizedDatabasesForUserResponse>($$"""{"Databases":[{{Items(start, Math.Min(10, 24 - start))}}]}""");
        });
        var pages = await Collect(client.ListAuthorizedDatabasesForUserPagesAsync(new() { UserId = "u1", PageSize = "10" }));
        Assert.Equal(new[] { 10, 10, 4 }, pages.Select(p => p.Databases!.Count));
        Assert.Equal(new (string?, string?)[] { ("1", "10"), ("2", "10"), ("3", "10") }, asked);
    }

    [Fact]
    public async Task PageIndex_of_ListTaskFlowInstance_resumes_from_a_continuation_token()
    {
        var (client, mock) = MockClient.Create();
        var asked = new List<int>();
        mock.On<ListTaskFlowInstanceRequest, ListTaskFlowInstanceResponse>("ListTaskFlowInstance", r =>
        {
            asked.Add(r.PageIndex);
            var start = (r.PageIndex - 1) * r.PageSize;
            return Page<ListTaskFlowInstanceResponse>($$$"""{"TotalCount":30,"DAGInstanceList":{"DAGInstance":[{{{Items(start, Math.Min(r.PageSize, 30 - start))}}}]}}""");
        });
        var request = new ListTaskFlowInstanceRequest { DagId = 5, PageIndex = 1, PageSize = 10, StartTimeBegin = "2026-01-01", StartTimeEnd = "2026-12-31" };
        var items = await Numbers(client.ListTaskFlowInstanceItemsAsync(request, new DmsPageOptions { ContinuationToken = "2" }), i => i.AdditionalProperties);
        Assert.Equal(Enumerable.Range(10, 20), items);
        Assert.Equal(new[] { 2, 3 }, asked);
        Assert.Equal(1, request.PageIndex);
    }

    [Fact]
    public async Task NextToken_and_MaxResults_of_ListDataLakeTable_follow_tokens_until_an_empty_one()
    {
        var (client, mock) = MockClient.Create();
        var asked = new List<(string? Token, int? Max)>();
        mock.On<ListDataLakeTableRequest, ListDataLakeTableResponse>("ListDataLakeTable", r =>
        {
            asked.Add((r.NextToken, r.MaxResults));
            var start = r.NextToken is null ? 0 : int.Parse(r.NextToken.AsSpan(1));
            var next = start + 8 < 20 ? "t" + (start + 8) : string.Empty;
            return Page<ListDataLakeTableResponse>($$"""{"NextToken":"{{next}}","TableList":[{{Items(start, Math.Min(8, 20 - start))}}]}""");
        });
        var request = new ListDataLakeTableRequest { CatalogName = "hive", DataRegion = "cn-hangzhou", DbName = "db" };
        var items = await Numbers(client.ListDataLakeTableItemsAsync(request, new DmsPageOptions { PageSizeHint = 8 }), t => t.AdditionalProperties);
        Assert.Equal(Enumerable.Range(0, 20), items);
        Assert.Equal(new (string?, int?)[] { (null, 8), ("t8", 8), ("t16", 8) }, asked);
    }

    [Fact]
    public async Task Offset_and_Size_of_ListInventoryJobs_advance_by_the_items_received_to_a_nested_total()
    {
        var (client, mock) = MockClient.Create();
        var asked = new List<int?>();
        mock.On<ListInventoryJobsRequest, ListInventoryJobsResponse>("ListInventoryJobs", r =>
        {
            asked.Add(r.Offset);
            var start = r.Offset!.Value;
            return Page<ListInventoryJobsResponse>($$$"""{"Data":{"TotalCount":23,"Items":[{{{Items(start, Math.Min(10, 23 - start))}}}]}}""");
        });
        var items = await Numbers(client.ListInventoryJobsItemsAsync(new() { Size = 10 }), i => i.AdditionalProperties);
        Assert.Equal(Enumerable.Range(0, 23), items);
        Assert.Equal(new int?[] { 0, 10, 20 }, asked);
    }

    [Fact]
    public async Task Page_and_Rows_of_ListDataLakeTablebaseInfo_read_a_total_sent_as_text()
    {
        var (client, mock) = MockClient.Create();
        var asked = new List<(int? Page, int? Rows)>();
        mock.On<ListDataLakeTablebaseInfoRequest, ListDataLakeTablebaseInfoResponse>("ListDataLakeTablebaseInfo", r =>
        {
            asked.Add((r.Page, r.Rows));
            var start = (r.Page!.Value - 1) * 3;
            return Page<ListDataLakeTablebaseInfoResponse>($$"""{"TotalCount":"7","TablebaseInfoList":[{{Items(start, Math.Min(3, 7 - start))}}]}""");
        });
        var request = new ListDataLakeTablebaseInfoRequest { CatalogName = "hive", DataRegion = "cn-hangzhou", DbName = "db", Rows = 3 };
        var items = await Numbers(client.ListDataLakeTablebaseInfoItemsAsync(request), i => i.AdditionalProperties);
        Assert.Equal(Enumerable.Range(0, 7), items);
        Assert.Equal(new (int?, int?)[] { (1, 3), (2, 3), (3, 3) }, asked);
    }

    [Fact]
    public async Task Pages_go_over_the_wire_through_the_real_client_with_the_page_in_the_query()
    {
        var queries = new List<string>();
        await using var server = await LoopbackServer.StartAsync(async (context, number) =>
        {
            queries.Add(context.Request.Query["PageNumber"].ToString() + "/" + context.Request.Query["PageSize"]);
            var start = (number - 1) * 2;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"RequestId":"r{{{number}}}","Success":true,"TotalCount":5,"Orders":{"Order":[{{{Items(start, Math.Min(2, 5 - start))}}}]}}""");
        });
        using var client = new DmsClient(new DmsClientOptions { Endpoint = server.Endpoint, Credentials = DmsCredentials.AccessKey("testid", "testsecret") });
        var items = await Numbers(client.ListOrdersItemsAsync(new() { PageSize = 2 }), o => o.AdditionalProperties);
        Assert.Equal(Enumerable.Range(0, 5), items);
        Assert.Equal(new[] { "1/2", "2/2", "3/2" }, queries);
    }

    internal static string Items(int start, int count) => string.Join(",", Enumerable.Range(start, Math.Max(0, count)).Select(i => $$$"""{"N":{{{i}}}}"""));

    private static T Page<T>(string json)
        where T : IDmsJsonModel<T> => DmsJson.Deserialize<T>(json);

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task<List<int>> Numbers<T>(IAsyncEnumerable<T> items, Func<T, IReadOnlyDictionary<string, JsonElement>?> additional) =>
        (await Collect(items)).Select(item => additional(item)!["N"].GetInt32()).ToList();
}
