using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Map = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object?>>;

namespace Dms.Codegen.SpecImporter;

/// <summary>
/// Recognises in Alibaba's metadata what the generator turns into paginators and streams: the five DMS paging
/// patterns by their query parameters (PageNumber/PageNumer/PageIndex + PageSize, NextToken + MaxResults,
/// Offset + Size, Page + Rows), top-level or nested in a JSON-encoded object parameter, with the response's first
/// item array and its total; and the operations the metadata
/// marks as server-sent-event streams (<c>x-sdk.sse</c>).
/// </summary>
public static class WorkflowDetector
{
    private static readonly (string Page, string Size, string Style)[] Patterns =
    {
        ("NextToken", "MaxResults", "token"),
        ("PageNumber", "PageSize", "pageNumber"),
        ("PageNumer", "PageSize", "pageNumber"),
        ("PageIndex", "PageSize", "pageNumber"),
        ("Offset", "Size", "offset"),
        ("Page", "Rows", "pageNumber"),
    };

    private static readonly string[] TotalNames = { "TotalCount", "TotalSqlCount" };

    /// <summary>The <c>pagination</c> and <c>stream</c> entries for the spec of <paramref name="api"/>; none when it neither pages nor streams.</summary>
    public static Map Detect(JsonElement api)
    {
        var entries = new Map();
        if (Pagination(api) is { } pagination)
        {
            entries.Add(new("pagination", pagination));
        }

        if (api.TryGetProperty("x-sdk", out var sdk) && sdk.TryGetProperty("sse", out var sse) && sse.ValueKind == JsonValueKind.True)
        {
            entries.Add(new("stream", "sse"));
        }

        return entries;
    }

    /// <summary>The paging pattern of an operation's top-level query parameters, by name: <c>pageNumber</c>, <c>token</c>, <c>offset</c>, or null.</summary>
    public static string? Pattern(JsonElement api) => Match(api)?.Style;

    /// <summary>
    /// The pattern's page and size fields: top-level query parameters first; failing those, fields one object deep
    /// or more inside a JSON-encoded query parameter (ListSQLReviewOriginSQL's <c>OrderActionDetail.Page.PageNumber</c>),
    /// page and size side by side in the same object.
    /// </summary>
    private static (string Page, string? Size, string Style)? Match(JsonElement api)
    {
        var query = api.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList();
        var flat = query.Where(p => Scalar(p.GetProperty("schema"))).Select(p => p.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        var nested = query.Where(p => Type(p.GetProperty("schema")) == "object")
            .SelectMany(p => Paths(p.GetProperty("schema"), Scalar, prefix: p.GetProperty("name").GetString()!))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var fields in new[] { flat, nested })
        {
            foreach (var pattern in Patterns)
            {
                foreach (var page in fields.Where(f => f == pattern.Page || f.EndsWith("." + pattern.Page, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    var size = page.Substring(0, page.Length - pattern.Page.Length) + pattern.Size;
                    var sized = fields.Contains(size) || (page == pattern.Page && api.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == size));
                    if (sized || pattern.Style == "token")
                    {
                        return (page, sized ? size : null, pattern.Style);
                    }
                }
            }
        }

        return null;
    }

    private static Map? Pagination(JsonElement api)
    {
        if (Match(api) is not { } pattern)
        {
            return null;
        }

        var response = api.GetProperty("responses").GetProperty("200").GetProperty("schema");
        var map = new Map { new("style", pattern.Style), new("page", pattern.Page) };
        if (pattern.Size is { } size)
        {
            map.Add(new("size", size));
        }

        // The first item list in document order: the DMS list wrappers (Orders.Order) put exactly one array under the
        // response, and the two operations with two lead with their items (ResultList before SummaryList, Root.Data before Tags).
        if (Paths(response, s => Type(s) == "array").FirstOrDefault() is { } items)
        {
            map.Add(new("items", items));
        }

        if (pattern.Style == "token")
        {
            if (Paths(response, s => Type(s) == "string", "NextToken").FirstOrDefault() is not { } next)
            {
                return null;
            }

            map.Add(new("nextToken", next));
        }
        else if (TotalNames.SelectMany(name => Paths(response, s => Type(s) is "integer" or "string", name)).FirstOrDefault() is { } total)
        {
            map.Add(new("total", total));
        }

        return map;
    }

    /// <summary>Dotted wire-name paths to members that fit (optionally named <paramref name="name"/>), through objects only, at most four deep.</summary>
    private static IEnumerable<string> Paths(JsonElement schema, Func<JsonElement, bool> fits, string? name = null, string prefix = "", int depth = 0)
    {
        if (depth >= 4 || Type(schema) != "object" || !schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            if (fits(property.Value) && (name is null || property.Name == name))
            {
                yield return path;
            }
            else
            {
                foreach (var inner in Paths(property.Value, fits, name, path, depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool Scalar(JsonElement schema) => Type(schema) is "integer" or "string";

    private static string? Type(JsonElement schema) => schema.TryGetProperty("type", out var type) ? type.GetString() : null;
}
