using System;
using System.Collections.Generic;

namespace Dms.Codegen.Emulator.Security;

/// <summary>What the cache says about a nonce.</summary>
internal enum NonceVerdict
{
    /// <summary>Not seen while its request could still be replayed: remembered now.</summary>
    Accepted,

    /// <summary>Seen before, and its request is still within the skew window: a replay.</summary>
    Replayed,

    /// <summary>The cache is at its cap with nonces that could all still be replayed: refuse rather than forget one.</summary>
    Full,
}

/// <summary>
/// Remembers each nonce only until its request's timestamp leaves the allowed skew window (after that the
/// timestamp check rejects a replay anyway), in a heap ordered by that expiry, under a cap. Memory is bounded by
/// the cap whatever the load; when full, new requests are refused with throttling until the oldest expire.
/// </summary>
internal sealed class NonceCache
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();
    private readonly TimeSpan _window;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly object _gate = new();

    public NonceCache(TimeSpan window, int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _window = window;
        _capacity = capacity;
        _time = time;
    }

    /// <summary>How many nonces are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>When the oldest remembered nonce is forgotten (for a throttled caller's retry-after).</summary>
    public TimeSpan UntilNextExpiry
    {
        get
        {
            lock (_gate)
            {
                return _expiries.TryPeek(out _, out var expiry) ? (expiry - _time.GetUtcNow()).Duration() : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Checks and remembers <paramref name="nonce"/> of a request signed at <paramref name="timestamp"/> (already within the window).</summary>
    public NonceVerdict TryUse(string accessKeyId, string nonce, DateTimeOffset timestamp)
    {
        var key = accessKeyId + "\n" + nonce;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // Forget what can no longer be replayed: the timestamp check rejects those requests by itself.
            while (_expiries.TryPeek(out var oldest, out var expiry) && expiry < now)
            {
                _expiries.Dequeue();
                _seen.Remove(oldest);
            }

            if (_seen.Contains(key))
            {
                return NonceVerdict.Replayed;
            }

            if (_seen.Count >= _capacity)
            {
                return NonceVerdict.Full;
            }

            var expires = timestamp + _window;
            _seen.Add(key);
            _expiries.Enqueue(key, expires);
            return NonceVerdict.Accepted;
        }
    }
}
