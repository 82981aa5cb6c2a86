using System;

namespace Dms.Codegen.Paging;

/// <summary>How an operation's pages are addressed, which decides what a continuation token is.</summary>
public enum DmsPagingStyle
{
    /// <summary>A page number (DMS: <c>PageNumber</c>, <c>PageIndex</c>, <c>Page</c>); the token is the number of the next page, e.g. <c>"3"</c>.</summary>
    PageNumber,

    /// <summary>A row offset (DMS: <c>Offset</c>); the token is the offset of the next page, e.g. <c>"40"</c>.</summary>
    Offset,

    /// <summary>An opaque token the server returns (DMS: <c>NextToken</c>); the token is that value.</summary>
    Token,
}

/// <summary>What one page says about paging: how many items it holds, the total it claims, and the next token.</summary>
/// <param name="ItemCount">The items on the page; null when the operation declares no item list.</param>
/// <param name="TotalCount">The total the server claims; null when the operation has none or it was not sent.</param>
/// <param name="NextToken">The next page's token (token style only).</param>
public readonly record struct DmsPageInfo(int? ItemCount, long? TotalCount, string? NextToken);

/// <summary>Per-call settings of a generated <c>…PagesAsync</c> or <c>…ItemsAsync</c> method.</summary>
public sealed class DmsPageOptions
{
    /// <summary>
    /// Where to start: for page-number operations the page number (<c>"3"</c>), for offset operations the row
    /// offset (<c>"40"</c>), for token operations a <c>NextToken</c> a response returned. Null: the request's own
    /// page field, else the first page.
    /// </summary>
    public string? ContinuationToken { get; set; }

    /// <summary>The page size to ask for; null: the request's own size field, else the server's default. DMS may cap it.</summary>
    public int? PageSizeHint { get; set; }

    /// <summary>A safety limit: more pages than this throw a <see cref="DmsException"/> (default 100,000).</summary>
    public int MaxPages { get; set; } = 100_000;

    internal void Validate()
    {
        if (PageSizeHint is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSizeHint), PageSizeHint, "The page size hint must be positive.");
        }

        if (MaxPages <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPages), MaxPages, "MaxPages must be positive.");
        }
    }
}
