using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;

namespace Dms.Codegen.Emulator.Faults;

/// <summary>The failures the emulator can be asked to produce.</summary>
public enum EmulatorFaultKind
{
    /// <summary>
    /// <c>Throttling.User</c> with <c>x-acs-retry-after</c> and <c>Retry-After</c>: HTTP 400 as Alibaba's gateway
    /// answers, or the status in <see cref="EmulatorFault.Status"/> (e.g. 429).
    /// </summary>
    Throttle,

    /// <summary>HTTP 503 <c>ServiceUnavailable</c>.</summary>
    ServerError,

    /// <summary>HTTP 500 <c>InternalError</c>.</summary>
    InternalError,

    /// <summary>Wait before answering normally.</summary>
    Latency,

    /// <summary>Close the connection without an answer.</summary>
    Drop,

    /// <summary>HTTP 200 with a truncated JSON body.</summary>
    Malformed,

    /// <summary>A normal answer whose JobStatus is a value no spec documents.</summary>
    UnknownEnum,

    /// <summary>
    /// An event stream that sends <see cref="EmulatorFault.Events"/> events, then breaks off in the middle of the
    /// next one, as a proxy or a dying server cuts it (only for operations that stream).
    /// </summary>
    StreamCut,
}

/// <summary>One fault: its kind, for latency how long, for throttling the HTTP status (0: 400), for a cut stream the events sent first.</summary>
public readonly record struct EmulatorFault(EmulatorFaultKind Kind, TimeSpan Latency = default, int Status = 0, int Events = 0)
{
    /// <summary>
    /// Parses the words the <c>x-dms-emulator-fault</c> header and the admin endpoint use:
    /// <c>throttle</c> (HTTP 400), <c>throttle=429</c>, <c>5xx</c> or <c>503</c>, <c>500</c>, <c>latency=200</c>
    /// (milliseconds), <c>drop</c>, <c>malformed</c>, <c>unknown-enum</c>, <c>cut=K</c> (a stream cut after K events).
    /// </summary>
    public static bool TryParse(string text, out EmulatorFault fault)
    {
        var word = text.Trim();
        fault = default;
        if (word.StartsWith("latency=", StringComparison.OrdinalIgnoreCase) && int.TryParse(word["latency=".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            fault = new EmulatorFault(EmulatorFaultKind.Latency, TimeSpan.FromMilliseconds(ms));
            return true;
        }

        if (word.StartsWith("cut=", StringComparison.OrdinalIgnoreCase))
        {
            var valid = int.TryParse(word["cut=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var events);
            fault = valid ? new EmulatorFault(EmulatorFaultKind.StreamCut, Events: events) : default;
            return valid;
        }

        if (word.StartsWith("throttle=", StringComparison.OrdinalIgnoreCase))
        {
            var valid = int.TryParse(word["throttle=".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 599;
            fault = valid ? new EmulatorFault(EmulatorFaultKind.Throttle, Status: status) : default;
            return valid;
        }

        EmulatorFaultKind? kind = word.ToLowerInvariant() switch
        {
            "throttle" => EmulatorFaultKind.Throttle,
            "5xx" or "503" or "server-error" => EmulatorFaultKind.ServerError,
            "500" or "internal-error" => EmulatorFaultKind.InternalError,
            "drop" => EmulatorFaultKind.Drop,
            "malformed" => EmulatorFaultKind.Malformed,
            "unknown-enum" => EmulatorFaultKind.UnknownEnum,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        fault = new EmulatorFault(kind.Value);
        return true;
    }
}

/// <summary>Faults queued per access key ("the next N calls of this key"), set from code or the admin endpoint.</summary>
public sealed class FaultQueue
{
    // Each entry is a fault with how many calls it still applies to: a count is a number, not N copies.
    private readonly ConcurrentDictionary<string, Queue<Entry>> _byKey = new(StringComparer.Ordinal);

    /// <summary>Makes the next <paramref name="count"/> calls signed with <paramref name="accessKeyId"/> fail with <paramref name="fault"/>, after any already queued.</summary>
    public void Enqueue(string accessKeyId, EmulatorFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var queue = _byKey.GetOrAdd(accessKeyId, _ => new Queue<Entry>());
        lock (queue)
        {
            queue.Enqueue(new Entry(fault, count));
        }
    }

    /// <summary>How many calls of <paramref name="accessKeyId"/> queued faults still apply to (0 once they have all fired).</summary>
    public int Pending(string accessKeyId)
    {
        if (!_byKey.TryGetValue(accessKeyId, out var queue))
        {
            return 0;
        }

        lock (queue)
        {
            return queue.Sum(e => e.Remaining);
        }
    }

    /// <summary>Removes every queued fault.</summary>
    public void Clear() => _byKey.Clear();

    internal bool TryTake(string accessKeyId, out EmulatorFault fault)
    {
        fault = default;
        if (!_byKey.TryGetValue(accessKeyId, out var queue))
        {
            return false;
        }

        lock (queue)
        {
            if (!queue.TryPeek(out var entry))
            {
                return false;
            }

            fault = entry.Fault;
            if (--entry.Remaining == 0)
            {
                queue.Dequeue();
            }

            return true;
        }
    }

    /// <summary>
    /// The faults of an <c>x-dms-emulator-fault</c> header, or the first word it does not know: a typo must not
    /// silently turn a fault test into a success test.
    /// </summary>
    internal static List<EmulatorFault> ParseHeader(string? header, out string? unknownWord)
    {
        unknownWord = null;
        var faults = new List<EmulatorFault>();
        foreach (var part in (header ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!EmulatorFault.TryParse(part, out var fault))
            {
                unknownWord = part;
                break;
            }

            faults.Add(fault);
        }

        return faults;
    }

    private sealed class Entry(EmulatorFault fault, int remaining)
    {
        public EmulatorFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
