using System.Globalization;

namespace Dms.Codegen.Waiters;

/// <summary>A scalar status field as the text a waiter's states are written in.</summary>
public static class DmsWaiterStatus
{
    /// <summary>An integer status in invariant digits; null stays null.</summary>
    public static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A boolean status as <c>true</c> or <c>false</c>; null stays null.</summary>
    public static string? Text(bool? value) => value is null ? null : value.Value ? "true" : "false";
}
