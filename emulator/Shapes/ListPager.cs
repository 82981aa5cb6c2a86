using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Paging;

namespace Dms.Codegen.Emulator.Shapes;

/// <summary>An item of a synthesized list: its 1-based place in the whole list, which makes it differ from the others.</summary>
internal sealed record Element(int Number);

/// <summary>
/// Pages a list operation by its spec's <c>pagination:</c> block, in every DMS pattern (page number, page index,
/// offset, next token, and fields nested in an object parameter). The list is the one the state gave at the items
/// path, or a synthesized one of a seeded length; the answer gets the page asked for, the whole count at the total
/// path and, for token operations, the token of the next page until the last one. The rule is in emulator/README.md.
/// </summary>
internal static class ListPager
{
    /// <summary>The page size when the request names none (DMS's usual default).</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page returned, whatever is asked: DMS caps page sizes too, and clients must cope.</summary>
    public const int MaxPageSize = 100;

    // Opaque to clients; the emulator reads back the position of the next item.
    private const string TokenPrefix = "emulator-next-";

    /// <summary>The overlay with the page filled in, or a DMS error for a page field that is not valid.</summary>
    public static (Overlay? Overlay, AlibabaError? Error) Page(PagingShape paging, IReadOnlyList<KeyValuePair<string, string>> parameters, Overlay? overlay, int syntheticLength)
    {
        if (paging.Items is null)
        {
            return (overlay, null);
        }

        overlay ??= new Overlay();
        var given = Get(overlay, paging.Items) switch
        {
            IReadOnlyList<object?> list => list,
            IEnumerable items and not string => items.Cast<object?>().ToList(),
            _ => null,
        };
        var count = given?.Count ?? syntheticLength;

        var sizeText = paging.Size is null ? null : Field(parameters, paging.Size);
        long size = DefaultPageSize;
        if (sizeText is not null && (!ParameterValidator.TryInt64(sizeText, out size) || size < 1))
        {
            return (null, AlibabaError.InvalidParameter(paging.Size!, $"'{sizeText}' is not a page size of at least 1"));
        }

        var take = (int)Math.Min(size, MaxPageSize);
        var (skip, error) = Start(paging, Field(parameters, paging.Page), take);
        if (error is not null)
        {
            return (null, error);
        }

        var end = Math.Min(count, skip + take);
        var page = skip >= count ? new List<object?>()
            : given is not null ? Enumerable.Range((int)skip, (int)(end - skip)).Select(i => given[i]).ToList()
            : Enumerable.Range((int)skip + 1, (int)(end - skip)).Select(n => (object?)new Element(n)).ToList();
        Set(overlay, paging.Items, page);
        if (paging.Total is { } total)
        {
            Set(overlay, total, count);
        }

        // The answer's own page fields say what was served: the capped size, the page or offset.
        if (paging.Size is { } sizePath)
        {
            overlay[Leaf(sizePath)] = take;
        }

        if (paging.Style != DmsPagingStyle.Token)
        {
            overlay[Leaf(paging.Page)] = paging.Style == DmsPagingStyle.Offset ? skip : (skip / take) + paging.FirstPage;
        }
        else if (paging.NextToken is { } next)
        {
            Set(overlay, next, end < count ? TokenPrefix + end.ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        return (overlay, null);
    }

    /// <summary>The index of the page's first item, from the page number, the offset or the token.</summary>
    private static (long Skip, AlibabaError? Error) Start(PagingShape paging, string? text, int take)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (0, null);
        }

        if (paging.Style == DmsPagingStyle.Token)
        {
            return text.StartsWith(TokenPrefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? (position, null)
                : (0, AlibabaError.InvalidParameter(paging.Page, "the token was not returned by this list"));
        }

        var minimum = paging.Style == DmsPagingStyle.Offset ? 0 : paging.FirstPage;
        if (!ParameterValidator.TryInt64(text, out var value) || value < minimum || value > int.MaxValue)
        {
            return (0, AlibabaError.InvalidParameter(paging.Page, $"'{text}' is not {(paging.Style == DmsPagingStyle.Offset ? "an offset" : "a page number")} of at least {minimum}"));
        }

        return paging.Style == DmsPagingStyle.Offset ? (value, null) : ((value - minimum) * take, null);
    }

    /// <summary>
    /// A request field by its wire path: a parameter, a flattened key (<c>A.B.C=...</c>), or a member inside a
    /// JSON object parameter (<c>OrderActionDetail={"Page":{"PageNumber":2}}</c>).
    /// </summary>
    private static string? Field(IReadOnlyList<KeyValuePair<string, string>> parameters, string path)
    {
        foreach (var (key, value) in parameters)
        {
            if (key == path)
            {
                return value;
            }
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? null : parameters.FirstOrDefault(p => p.Key == path[..dot]).Value;
        if (head is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(head);
            var element = document.RootElement;
            foreach (var member in path[(dot + 1)..].Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(member, out element))
                {
                    return null;
                }
            }

            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number => element.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static object? Get(Overlay overlay, string path)
    {
        object? current = overlay;
        foreach (var member in path.Split('.'))
        {
            if (current is not Overlay o || !o.TryGetValue(member, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Sets the member at <paramref name="path"/>, keeping (or creating) the objects on the way.</summary>
    internal static void Set(Overlay overlay, string path, object? value)
    {
        var members = path.Split('.');
        var current = overlay;
        foreach (var member in members[..^1])
        {
            if (!current.TryGetValue(member, out var next) || next is not Overlay nested)
            {
                nested = new Overlay();
                current[member] = nested;
            }

            current = nested;
        }

        current[members[^1]] = value;
    }
}
