using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.EndToEnd;
using Dms.Codegen.Paging;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>
/// The emulator pages every list by its spec's <c>pagination:</c> block: the generated paginators walk several
/// pages of each DMS pattern and get exactly the seeded list, distinct items and a total that says the whole count.
/// </summary>
public sealed class PagingTests
{
    [Fact]
    public async Task PageNumber_and_PageSize_walk_every_page_to_the_total()
    {
        await using var emulator = await Emulators.StartAsync();
        Emulators.SeedDatabases(emulator, 47);
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListDatabasesPagesAsync(new() { InstanceId = "1001", PageSize = 10 }));
        var ids = pages.SelectMany(p => p.DatabaseList!.Database!).Select(d => d.DatabaseId).ToList();

        Assert.Equal(new[] { 10, 10, 10, 10, 7 }, pages.Select(p => p.DatabaseList!.Database!.Count));
        Assert.All(pages, p => Assert.Equal(47, p.TotalCount));
        Assert.Equal(47, ids.Distinct().Count());
    }

    [Fact]
    public async Task String_page_fields_without_a_total_end_at_the_short_page()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.State.Lists.SeedLength("ListAuthorizedDatabasesForUser", 23);
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListAuthorizedDatabasesForUserPagesAsync(new() { UserId = "51", PageSize = "10" }));

        Assert.Equal(new[] { 10, 10, 3 }, pages.Select(p => p.Databases!.Count));
        Assert.Equal(23, pages.SelectMany(p => p.Databases!).Select(d => d.DbId).Distinct().Count());
    }

    [Fact]
    public async Task The_misspelt_PageNumer_pages_too()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.State.Lists.SeedLength("ListDataImportSQLPreCheckDetail", 31);
        var client = Emulators.Client(emulator);

        var items = await All(client.ListDataImportSQLPreCheckDetailItemsAsync(new() { OrderId = 9, PageSize = 10 }));

        Assert.Equal(31, items.Count);
        Assert.Equal(31, items.Select(i => i.SqlId).Distinct().Count());
    }

    [Fact]
    public async Task PageIndex_and_PageSize_walk_every_page()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.State.Lists.SeedLength("ListTaskFlowsByPage", 12);
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListTaskFlowsByPagePagesAsync(new() { PageSize = 5 }));

        Assert.Equal(new[] { 5, 5, 2 }, pages.Select(p => p.TaskFlowList!.TaskFlow!.Count));
        Assert.Equal(12, pages.SelectMany(p => p.TaskFlowList!.TaskFlow!).Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public async Task NextToken_and_MaxResults_return_a_token_until_the_last_page()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.State.Lists.SeedLength("ListDataLakeDatabase", 45);
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListDataLakeDatabasePagesAsync(new() { CatalogName = "hive", DataRegion = "cn-hangzhou", MaxResults = 20 }));

        Assert.Equal(new[] { 20, 20, 5 }, pages.Select(p => p.DatabaseList!.Count));
        Assert.All(pages.Take(2), p => Assert.False(string.IsNullOrEmpty(p.NextToken)));
        Assert.Equal(string.Empty, pages[^1].NextToken);
        Assert.Equal(45, pages.SelectMany(p => p.DatabaseList!).Select(d => d.Name).Distinct().Count());

        // Resuming from the second page's token gives the rest; a token the emulator did not hand out is refused.
        var rest = await All(client.ListDataLakeDatabaseItemsAsync(new() { CatalogName = "hive", DataRegion = "cn-hangzhou", MaxResults = 20 }, new DmsPageOptions { ContinuationToken = pages[0].NextToken }));
        Assert.Equal(25, rest.Count);
        var error = await Assert.ThrowsAsync<DmsException>(() => client.ListDataLakeDatabaseAsync(new() { CatalogName = "hive", DataRegion = "cn-hangzhou", NextToken = "f056501ada12c1cc" }));
        Assert.Equal("InvalidParameter", error.Code);
    }

    [Fact]
    public async Task Offset_and_Size_page_a_list_of_the_default_length_with_a_nested_total()
    {
        await using var emulator = await Emulators.StartAsync();
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListInventoryJobsPagesAsync(new() { Size = 10 }));

        Assert.Equal(new[] { 10, 10, 5 }, pages.Select(p => p.Data!.Items!.Count));
        Assert.All(pages, p => Assert.Equal(ListSeeds.DefaultLength, p.Data!.TotalCount));
    }

    [Fact]
    public async Task Page_and_Rows_walk_every_page()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.State.Lists.SeedLength("ListDataLakeTablebaseInfo", 14);
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListDataLakeTablebaseInfoPagesAsync(new() { CatalogName = "hive", DataRegion = "cn-hangzhou", DbName = "db", Rows = 4 }));

        Assert.Equal(new[] { 4, 4, 4, 2 }, pages.Select(p => p.TablebaseInfoList!.Count));
        Assert.All(pages, p => Assert.Equal("14", p.TotalCount));
    }

    [Fact]
    public async Task A_page_nested_in_an_object_parameter_pages_too()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.State.Lists.SeedLength("ListSQLReviewOriginSQL", 20);
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListSQLReviewOriginSQLPagesAsync(new() { OrderId = 7 }, new DmsPageOptions { PageSizeHint = 7 }));

        Assert.Equal(new[] { 7, 7, 6 }, pages.Select(p => p.OriginSQLList!.Count));
        Assert.Equal(20, pages.SelectMany(p => p.OriginSQLList!).Select(s => s.SQLId).Distinct().Count());
    }

    [Fact]
    public async Task A_page_size_above_the_cap_is_capped_and_the_paginator_still_gets_the_total()
    {
        await using var emulator = await Emulators.StartAsync();
        Emulators.SeedDatabases(emulator, 250);
        var client = Emulators.Client(emulator);

        var pages = await All(client.ListDatabasesPagesAsync(new() { InstanceId = "1001" }, new DmsPageOptions { PageSizeHint = 500 }));

        Assert.Equal(new[] { ListPager.MaxPageSize, ListPager.MaxPageSize, 50 }, pages.Select(p => p.DatabaseList!.Database!.Count));
        Assert.Equal(250, pages.SelectMany(p => p.DatabaseList!.Database!).Select(d => d.DatabaseId).Distinct().Count());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_with_the_whole_count_and_an_empty_list_can_be_seeded()
    {
        await using var emulator = await Emulators.StartAsync();
        Emulators.SeedDatabases(emulator, 47);
        emulator.State.Lists.SeedLength("ListTaskFlowsByPage", 0);
        var client = Emulators.Client(emulator);

        var past = await client.ListDatabasesAsync(new() { InstanceId = "1001", PageNumber = 6, PageSize = 10 });
        var empty = await All(client.ListTaskFlowsByPageItemsAsync(new()));

        Assert.Empty(past.DatabaseList!.Database!);
        Assert.Equal(47, past.TotalCount);
        Assert.Empty(empty);
        await Assert.ThrowsAsync<DmsException>(() => client.ListDatabasesAsync(new() { InstanceId = "1001", PageNumber = 0 }));
    }

    [Fact]
    public async Task A_list_length_seeded_over_the_admin_endpoint_is_the_total()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new System.Net.Http.HttpClient();
        async Task<System.Net.HttpStatusCode> Post(string path) => (await http.PostAsync(new System.Uri(emulator.Endpoint, path), null)).StatusCode;
        var client = Emulators.Client(emulator);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, await Post("/_emulator/lists/ListTaskFlowsByPage?length=9"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, await Post("/_emulator/lists/ListTaskFlowsByPage?length=-1"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, await Post("/_emulator/lists/ListTaskFlowsByPage"));

        Assert.Equal(9, (await All(client.ListTaskFlowsByPageItemsAsync(new() { PageSize = 4 }))).Count);
    }

    [Fact]
    public async Task ListOrders_pages_over_the_tickets_created_in_the_test()
    {
        await using var emulator = await Emulators.StartAsync();
        var client = Emulators.Client(emulator);
        var created = new List<long>();
        for (var i = 0; i < 23; i++)
        {
            var answer = await client.CreateOrderAsync(new() { Comment = "paged " + i, PluginType = "DC_COMMON", PluginParam = new Dictionary<string, System.Text.Json.JsonElement>() });
            created.Add(answer.CreateOrderResult!.OrderIds!.Single());
        }

        var pages = await All(client.ListOrdersPagesAsync(new() { PluginType = "DC_COMMON" }, new DmsPageOptions { PageSizeHint = 5 }));
        var ids = pages.SelectMany(p => p.Orders!.Order!).Select(o => o.OrderId!.Value).ToList();

        Assert.Equal(5, pages.Count);
        Assert.All(pages, p => Assert.Equal(23, p.TotalCount));
        Assert.Equal(created.OrderByDescending(id => id), ids); // newest first, each ticket once
    }

    /// <summary>Every item (or page) of a paginator.</summary>
    internal static async Task<List<T>> All<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
