using System;
using System.Collections.Concurrent;

namespace Dms.Codegen.Emulator.Security;

/// <summary>Remembers nonces for as long as a timestamp is valid, so that a replayed request is recognised.</summary>
internal sealed class NonceCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private long _calls;

    public NonceCache(TimeSpan window, TimeProvider time)
    {
        _window = window;
        _time = time;
    }

    /// <summary>False when the nonce was used before within the window.</summary>
    public bool TryUse(string accessKeyId, string nonce)
    {
        var now = _time.GetUtcNow();
        if (System.Threading.Interlocked.Increment(ref _calls) % 1024 == 0)
        {
            foreach (var entry in _seen)
            {
                if (now - entry.Value > _window * 2)
                {
                    _seen.TryRemove(entry.Key, out _);
                }
            }
        }

        return _seen.TryAdd(accessKeyId + "\n" + nonce, now);
    }
}
