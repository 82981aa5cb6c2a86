using System;
using System.Globalization;

namespace Dms.Codegen.Paging;

/// <summary>Conversions generated paginators use between continuation tokens and the page fields' declared types.</summary>
public static class DmsPaging
{
    /// <summary>A page number or offset as token text; null stays null.</summary>
    public static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A page number or offset token as an int32 page field; null stays null.</summary>
    public static int? Int32(string? cursor) => cursor is null ? null : int.Parse(cursor, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>A page number or offset token as an int64 page field; null stays null.</summary>
    public static long? Int64(string? cursor) => cursor is null ? null : long.Parse(cursor, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>A page size field of type int64, as the engine's size (larger values are capped).</summary>
    public static int? Size(long? size) => size is null ? null : (int)Math.Clamp(size.Value, 0, int.MaxValue);

    /// <summary>A page size field of type string; text that is not a number counts as unset.</summary>
    public static int? Size(string? size) => int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A total sent as text (three DMS operations do); text that is not a number counts as no total.</summary>
    public static long? Total(string? total) => long.TryParse(total, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
