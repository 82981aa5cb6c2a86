using System;
using System.Collections.Concurrent;

namespace Dms.Codegen.Emulator.State;

/// <summary>
/// How long the synthesized lists are: a list operation whose items the state does not keep (every paginated
/// operation but <c>ListOrders</c>) answers as if it held <see cref="DefaultLength"/> items, or the length seeded
/// for it, and pages through them by its spec's <c>pagination:</c> block.
/// </summary>
public sealed class ListSeeds
{
    /// <summary>The length of a synthesized list when none is seeded.</summary>
    public const int DefaultLength = 25;

    /// <summary>The longest list that can be seeded (bounded memory: a page is built from its slice only, but the total is a count).</summary>
    public const int MaxLength = 1_000_000;

    private readonly ConcurrentDictionary<string, int> _lengths = new(StringComparer.Ordinal);

    /// <summary>Seeds the length of <paramref name="action"/>'s list (0 for an empty list).</summary>
    /// <param name="action">The list operation, e.g. <c>ListDatabases</c>.</param>
    /// <param name="length">How many items the list holds, 0 to <see cref="MaxLength"/>.</param>
    public void SeedLength(string action, int length)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        _lengths[action] = length;
    }

    /// <summary>The length of <paramref name="action"/>'s synthesized list.</summary>
    public int Length(string action) => _lengths.TryGetValue(action, out var length) ? length : DefaultLength;
}
