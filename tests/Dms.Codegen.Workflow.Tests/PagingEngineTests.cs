using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Json;
using Dms.Codegen.Paging;
using Xunit;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>The paging engine on its own, against a scripted in-memory server for each of the three addressing styles.</summary>
public sealed class PagingEngineTests
{
    [Fact]
    public async Task An_empty_result_is_one_page()
    {
        var server = new PageServer(items: 0, total: 0);
        var pages = await Collect(server.ByNumber(), new TestRequest());
        Assert.Single(pages);
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task One_page_that_holds_the_total_ends_without_another_call()
    {
        var server = new PageServer(items: 3, total: 3);
        var pages = await Collect(server.ByNumber(), new TestRequest { Size = 10 });
        Assert.Equal(3, pages.Sum(p => p.Items.Count));
        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task Many_pages_are_fetched_in_order_and_the_callers_request_is_not_changed()
    {
        var server = new PageServer(items: 95, total: 95);
        var request = new TestRequest { Size = 20, Filter = "x" };
        var items = await CollectItems(server.ByNumber(), request);
        Assert.Equal(Enumerable.Range(0, 95), items);
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, server.Cursors);
        Assert.All(server.Requests, r => Assert.Equal("x", r.Filter));
        Assert.Null(request.Cursor);
        Assert.Equal(20, request.Size);
    }

    [Fact]
    public async Task A_server_that_caps_the_page_size_is_followed_to_the_total()
    {
        var server = new PageServer(items: 25, total: 25) { Cap = 10 };
        var pages = await Collect(server.ByNumber(), new TestRequest(), new DmsPageOptions { PageSizeHint = 100 });
        Assert.Equal(new[] { 10, 10, 5 }, pages.Select(p => p.Items.Count));
        Assert.All(server.Requests, r => Assert.Equal(100, r.Size));
    }

    [Fact]
    public async Task A_total_larger_than_the_pages_ends_at_the_empty_page()
    {
        var server = new PageServer(items: 23, total: 500) { Cap = 10 };
        var pages = await Collect(server.ByNumber(), new TestRequest { Size = 10 });
        Assert.Equal(new[] { 10, 10, 3, 0 }, pages.Select(p => p.Items.Count));
    }

    [Fact]
    public async Task A_total_smaller_than_the_first_page_ends_after_it()
    {
        var server = new PageServer(items: 40, total: 5);
        var pages = await Collect(server.ByNumber(), new TestRequest { Size = 20 });
        Assert.Single(pages);
    }

    [Fact]
    public async Task Without_a_total_a_short_page_ends_and_the_largest_page_stands_for_an_unknown_size()
    {
        var known = new PageServer(items: 45, total: null);
        Assert.Equal(new[] { 20, 20, 5 }, (await Collect(known.ByNumber(), new TestRequest { Size = 20 })).Select(p => p.Items.Count));

        var unknown = new PageServer(items: 45, total: null) { Cap = 15 };
        Assert.Equal(new[] { 15, 15, 15, 0 }, (await Collect(unknown.ByNumber(), new TestRequest())).Select(p => p.Items.Count));
        Assert.Equal(4, unknown.Calls);
    }

    [Fact]
    public async Task Offsets_advance_by_the_items_received()
    {
        var server = new PageServer(items: 25, total: 25) { Cap = 10 };
        var items = await CollectItems(server.ByOffset(), new TestRequest { Size = 50 });
        Assert.Equal(Enumerable.Range(0, 25), items);
        Assert.Equal(new[] { "0", "10", "20" }, server.Cursors);
    }

    [Fact]
    public async Task Tokens_are_followed_until_none_comes_back()
    {
        var server = new PageServer(items: 25, total: null);
        var items = await CollectItems(server.ByToken(), new TestRequest { Size = 10 });
        Assert.Equal(Enumerable.Range(0, 25), items);
        Assert.Equal(new string?[] { null, "t10", "t20" }, server.Cursors);
    }

    [Fact]
    public async Task A_repeated_token_is_an_error_not_a_loop()
    {
        var server = new PageServer(items: 100, total: null) { StuckToken = "again" };
        var error = await Assert.ThrowsAsync<DmsException>(() => Collect(server.ByToken(), new TestRequest { Size = 10 }));
        Assert.Equal("RepeatedToken", error.Code);
        Assert.Contains("again", error.Message);
        Assert.Equal(2, server.Calls);
    }

    [Fact]
    public async Task A_server_that_ignores_the_page_number_is_an_error_not_a_loop()
    {
        var server = new PageServer(items: 100, total: null) { IgnorePage = true };
        var error = await Assert.ThrowsAsync<DmsException>(() => Collect(server.ByNumber(), new TestRequest { Size = 10 }));
        Assert.Equal("RepeatedPage", error.Code);
        Assert.Equal(2, server.Calls);
    }

    [Fact]
    public async Task More_pages_than_the_limit_is_an_error()
    {
        var server = new PageServer(items: 1000, total: null);
        var error = await Assert.ThrowsAsync<DmsException>(() => Collect(server.ByNumber(), new TestRequest { Size = 10 }, new DmsPageOptions { MaxPages = 3 }));
        Assert.Equal("TooManyPages", error.Code);
        Assert.Equal(3, server.Calls);
    }

    [Fact]
    public async Task Enumeration_resumes_from_a_page_an_offset_or_a_token()
    {
        var byNumber = new PageServer(items: 50, total: 50);
        var fromPage = await CollectItems(byNumber.ByNumber(), new TestRequest { Size = 10 }, new DmsPageOptions { ContinuationToken = "4" });
        Assert.Equal(Enumerable.Range(30, 20), fromPage);

        var byOffset = new PageServer(items: 50, total: 50);
        Assert.Equal(Enumerable.Range(45, 5), await CollectItems(byOffset.ByOffset(), new TestRequest { Size = 10 }, new DmsPageOptions { ContinuationToken = "45" }));

        var byToken = new PageServer(items: 50, total: null);
        Assert.Equal(Enumerable.Range(40, 10), await CollectItems(byToken.ByToken(), new TestRequest { Size = 10 }, new DmsPageOptions { ContinuationToken = "t40" }));

        // The request's own page field is a start too.
        var own = new PageServer(items: 50, total: 50);
        Assert.Equal(Enumerable.Range(40, 10), await CollectItems(own.ByNumber(), new TestRequest { Size = 10, Cursor = "5" }));

        await Assert.ThrowsAsync<ArgumentException>(() => Collect(own.ByNumber(), new TestRequest(), new DmsPageOptions { ContinuationToken = "0" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Collect(own.ByOffset(), new TestRequest(), new DmsPageOptions { ContinuationToken = "-1" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Collect(own.ByNumber(), new TestRequest(), new DmsPageOptions { PageSizeHint = 0 }));
    }

    [Fact]
    public async Task Cancellation_mid_enumeration_stops_before_the_next_call()
    {
        var server = new PageServer(items: 100, total: 100);
        using var cancellation = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in server.ByNumber().PagesAsync(new TestRequest { Size = 10 }, server.Call, null).WithCancellation(cancellation.Token))
            {
                seen++;
                if (seen == 2)
                {
                    cancellation.Cancel();
                }
            }
        });
        Assert.Equal(2, server.Calls);
    }

    private static async Task<List<TestPage>> Collect(DmsPaginator<TestRequest, TestPage> paginator, TestRequest request, DmsPageOptions? options = null)
    {
        var server = Servers.GetValue(paginator, static _ => throw new InvalidOperationException());
        var pages = new List<TestPage>();
        await foreach (var page in paginator.PagesAsync(request, server.Call, options))
        {
            pages.Add(page);
        }

        return pages;
    }

    private static async Task<List<int>> CollectItems(DmsPaginator<TestRequest, TestPage> paginator, TestRequest request, DmsPageOptions? options = null)
    {
        var items = new List<int>();
        await foreach (var item in DmsPaginator<TestRequest, TestPage>.ItemsAsync(paginator.PagesAsync(request, Servers.GetValue(paginator, static _ => throw new InvalidOperationException()).Call, options), static p => p.Items))
        {
            items.Add(item);
        }

        return items;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DmsPaginator<TestRequest, TestPage>, PageServer> Servers = new();

    internal sealed class TestRequest
    {
        public string? Cursor { get; set; }

        public int? Size { get; set; }

        public string? Filter { get; set; }
    }

    internal sealed class TestPage : IDmsJsonWritable
    {
        public string RequestId { get; init; } = Guid.NewGuid().ToString();

        public List<int> Items { get; init; } = new();

        public long? Total { get; init; }

        public string? NextToken { get; init; }

        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("RequestId", RequestId);
            writer.WriteStartArray("Items");
            foreach (var item in Items)
            {
                writer.WriteNumberValue(item);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    /// <summary>Serves <c>items</c> numbered items; caps page sizes, repeats tokens or ignores the page on request.</summary>
    internal sealed class PageServer
    {
        private readonly int _items;
        private readonly long? _total;

        public PageServer(int items, long? total)
        {
            _items = items;
            _total = total;
        }

        public int Cap { get; init; } = 20;

        public string? StuckToken { get; init; }

        public bool IgnorePage { get; init; }

        public int Calls { get; private set; }

        public List<string?> Cursors { get; } = new();

        public List<TestRequest> Requests { get; } = new();

        private DmsPagingStyle Style { get; set; }

        public DmsPaginator<TestRequest, TestPage> ByNumber() => Create(DmsPagingStyle.PageNumber);

        public DmsPaginator<TestRequest, TestPage> ByOffset() => Create(DmsPagingStyle.Offset);

        public DmsPaginator<TestRequest, TestPage> ByToken() => Create(DmsPagingStyle.Token);

        public Task<TestPage> Call(TestRequest request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Calls++;
            Requests.Add(request);
            Cursors.Add(request.Cursor);
            var size = Math.Min(request.Size ?? Cap, Cap);
            var start = Style switch
            {
                DmsPagingStyle.PageNumber => IgnorePage ? 0 : (int.Parse(request.Cursor!, CultureInfo.InvariantCulture) - 1) * size,
                DmsPagingStyle.Offset => int.Parse(request.Cursor!, CultureInfo.InvariantCulture),
                _ when request.Cursor == StuckToken && StuckToken is not null => 10,
                _ => request.Cursor is null ? 0 : int.Parse(request.Cursor.AsSpan(1), CultureInfo.InvariantCulture),
            };

            var count = Math.Max(0, Math.Min(size, _items - start));
            var next = start + count < _items ? StuckToken ?? "t" + (start + count).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new TestPage { Items = Enumerable.Range(start, count).ToList(), Total = _total, NextToken = Style == DmsPagingStyle.Token ? next : null });
        }

        private DmsPaginator<TestRequest, TestPage> Create(DmsPagingStyle style)
        {
            Style = style;
            var paginator = new DmsPaginator<TestRequest, TestPage>(
                "ListThings",
                style,
                1,
                static r => r.Cursor,
                static r => r.Size,
                static (r, cursor, size) => new TestRequest { Cursor = cursor, Size = size, Filter = r.Filter },
                static p => new DmsPageInfo(p.Items.Count, p.Total, p.NextToken));
            Servers.Add(paginator, this);
            return paginator;
        }
    }
}
