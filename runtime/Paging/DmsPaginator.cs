using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Json;

namespace Dms.Codegen.Paging;

/// <summary>Builds the request for one page: a copy of the caller's request with the page fields set (the caller's object is never changed).</summary>
/// <param name="request">The caller's request.</param>
/// <param name="cursor">The page number, offset or token to ask for; null for the first page of a token operation.</param>
/// <param name="pageSize">The page size to ask for; null: leave the request's own.</param>
public delegate TRequest DmsPageRequestFactory<TRequest>(TRequest request, string? cursor, int? pageSize);

/// <summary>
/// The paging of one operation, as its spec's <c>pagination:</c> block declares it. Generated <c>…PagesAsync</c>
/// and <c>…ItemsAsync</c> extension methods hold one of these and enumerate through the client's own call,
/// so a mocked client pages too.
/// </summary>
/// <remarks>
/// The end of the enumeration: a token operation ends when no token comes back; a page or offset operation
/// ends when the items seen reach the total, or, when the operation reports no total, at a page shorter than
/// the page size (DMS caps page sizes, so where a total exists a short page is not the end). An empty page
/// always ends it, so a total larger than what the pages hold still ends. A server that repeats a token or a
/// page, or more than <see cref="DmsPageOptions.MaxPages"/> pages, is a <see cref="DmsException"/>.
/// </remarks>
public sealed class DmsPaginator<TRequest, TResponse>
    where TRequest : class
    where TResponse : class, IDmsJsonWritable
{
    private readonly Func<TRequest, string?> _readCursor;
    private readonly Func<TRequest, int?> _readPageSize;
    private readonly DmsPageRequestFactory<TRequest> _forPage;
    private readonly Func<TResponse, DmsPageInfo> _readPage;

    /// <summary>Creates the paging of <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation's name, for messages.</param>
    /// <param name="style">How pages are addressed.</param>
    /// <param name="firstPage">The number of the first page (page-number style; DMS counts from 1).</param>
    /// <param name="readCursor">The request's own page number, offset or token, as text; null when unset.</param>
    /// <param name="readPageSize">The request's own page size; null when unset.</param>
    /// <param name="forPage">Builds the request for one page.</param>
    /// <param name="readPage">Reads item count, total and next token from a page.</param>
    public DmsPaginator(string operation, DmsPagingStyle style, long firstPage, Func<TRequest, string?> readCursor, Func<TRequest, int?> readPageSize, DmsPageRequestFactory<TRequest> forPage, Func<TResponse, DmsPageInfo> readPage)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        Operation = operation;
        Style = style;
        FirstPage = firstPage;
        _readCursor = readCursor ?? throw new ArgumentNullException(nameof(readCursor));
        _readPageSize = readPageSize ?? throw new ArgumentNullException(nameof(readPageSize));
        _forPage = forPage ?? throw new ArgumentNullException(nameof(forPage));
        _readPage = readPage ?? throw new ArgumentNullException(nameof(readPage));
    }

    /// <summary>The operation's name.</summary>
    public string Operation { get; }

    /// <summary>How pages are addressed.</summary>
    public DmsPagingStyle Style { get; }

    /// <summary>The number of the first page (page-number style).</summary>
    public long FirstPage { get; }

    /// <summary>Every page, fetched lazily: the next call is made only when the caller asks for the next page.</summary>
    /// <param name="request">The caller's request; it is copied for each page, never changed.</param>
    /// <param name="call">One call of the operation.</param>
    /// <param name="options">Where to start, the page size, the page limit.</param>
    /// <param name="cancellationToken">Cancels the enumeration and the call in flight.</param>
    public async IAsyncEnumerable<TResponse> PagesAsync(TRequest request, Func<TRequest, CancellationToken, Task<TResponse>> call, DmsPageOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(call);
        options?.Validate();
        var maxPages = options?.MaxPages ?? 100_000;
        var size = options?.PageSizeHint ?? _readPageSize(request);
        var cursor = options?.ContinuationToken ?? _readCursor(request);
        var position = Style == DmsPagingStyle.Token ? 0 : StartPosition(cursor);
        if (Style != DmsPagingStyle.Token)
        {
            cursor = position.ToString(CultureInfo.InvariantCulture);
        }

        // Items before the start, so that a resumed enumeration still compares against the total.
        long seen = Style == DmsPagingStyle.Offset ? position : size is { } s && Style == DmsPagingStyle.PageNumber ? (position - FirstPage) * s : 0;
        var largest = 0;
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        byte[]? previous = null;
        for (var pages = 1; ; pages++)
        {
            if (pages > maxPages)
            {
                throw new DmsException($"{Operation} returned more than {maxPages} pages; stopping (raise DmsPageOptions.MaxPages if that is expected).", "TooManyPages");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var response = await call(_forPage(request, cursor, size), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The call of {Operation} returned null.");
            var page = _readPage(response);
            if (Style != DmsPagingStyle.Token)
            {
                var fingerprint = DmsPageFingerprint.Of(response);
                if (previous is not null && fingerprint.AsSpan().SequenceEqual(previous))
                {
                    throw new DmsException($"{Operation} returned the same page again for {Describe(cursor)}; the server ignores the page parameter, so paging stops.", "RepeatedPage");
                }

                previous = fingerprint;
            }

            yield return response;
            if (page.ItemCount == 0)
            {
                yield break;
            }

            if (Style == DmsPagingStyle.Token)
            {
                if (string.IsNullOrEmpty(page.NextToken))
                {
                    yield break;
                }

                if ((cursor is not null && !tokens.Add(cursor)) || page.NextToken == cursor || tokens.Contains(page.NextToken))
                {
                    throw new DmsException($"{Operation} returned the token '{page.NextToken}' twice; paging stops rather than loop.", "RepeatedToken");
                }

                cursor = page.NextToken;
                continue;
            }

            var count = page.ItemCount ?? size;
            seen += count ?? 0;
            if (page.TotalCount is { } total)
            {
                if (seen >= total)
                {
                    yield break;
                }
            }
            else if (page.ItemCount is { } items)
            {
                // No total: only a short page says "the end". Without a known size, the largest page seen is the size.
                if (items < (size ?? largest))
                {
                    yield break;
                }

                largest = Math.Max(largest, items);
            }

            if (Style == DmsPagingStyle.Offset && count is null)
            {
                yield break; // neither items nor a size: the next offset cannot be known
            }

            position += Style == DmsPagingStyle.Offset ? count!.Value : 1;
            cursor = position.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Every item of every page, through <paramref name="items"/> (which reads a page's item list).</summary>
    public static async IAsyncEnumerable<TItem> ItemsAsync<TItem>(IAsyncEnumerable<TResponse> pages, Func<TResponse, IEnumerable<TItem>?> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(items);
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (items(page) is { } list)
            {
                foreach (var item in list)
                {
                    yield return item;
                }
            }
        }
    }

    private long StartPosition(string? cursor)
    {
        if (cursor is null)
        {
            return Style == DmsPagingStyle.PageNumber ? FirstPage : 0;
        }

        var minimum = Style == DmsPagingStyle.PageNumber ? FirstPage : 0;
        if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            var what = Style == DmsPagingStyle.PageNumber ? $"a page number of at least {FirstPage}" : "a row offset of at least 0";
            throw new ArgumentException($"The continuation token of {Operation} must be {what}, not '{cursor}'.", nameof(DmsPageOptions.ContinuationToken));
        }

        return value;
    }

    private string Describe(string? cursor) => Style == DmsPagingStyle.PageNumber ? "page " + cursor : "offset " + cursor;
}
