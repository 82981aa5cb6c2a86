using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;

namespace Dms.Codegen.Emulator.Faults;

/// <summary>The failures the emulator can be asked to produce.</summary>
public enum EmulatorFaultKind
{
    /// <summary>HTTP 400 <c>Throttling.User</c> with <c>x-acs-retry-after</c> and <c>Retry-After</c>.</summary>
    Throttle,

    /// <summary>HTTP 503 <c>ServiceUnavailable</c>.</summary>
    ServerError,

    /// <summary>Wait before answering normally.</summary>
    Latency,

    /// <summary>Close the connection without an answer.</summary>
    Drop,

    /// <summary>HTTP 200 with a truncated JSON body.</summary>
    Malformed,

    /// <summary>A normal answer whose JobStatus is a value no spec documents.</summary>
    UnknownEnum,
}

/// <summary>One fault: its kind and, for latency, how long.</summary>
public readonly record struct EmulatorFault(EmulatorFaultKind Kind, TimeSpan Latency = default)
{
    /// <summary>
    /// Parses the words the <c>x-dms-emulator-fault</c> header and the admin endpoint use:
    /// <c>throttle</c>, <c>5xx</c>, <c>latency=200</c> (milliseconds), <c>drop</c>, <c>malformed</c>, <c>unknown-enum</c>.
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

        EmulatorFaultKind? kind = word.ToLowerInvariant() switch
        {
            "throttle" => EmulatorFaultKind.Throttle,
            "5xx" or "server-error" => EmulatorFaultKind.ServerError,
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
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EmulatorFault>> _byKey = new(StringComparer.Ordinal);

    /// <summary>Makes the next <paramref name="count"/> calls signed with <paramref name="accessKeyId"/> fail with <paramref name="fault"/>.</summary>
    public void Enqueue(string accessKeyId, EmulatorFault fault, int count = 1)
    {
        var queue = _byKey.GetOrAdd(accessKeyId, _ => new ConcurrentQueue<EmulatorFault>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Removes every queued fault.</summary>
    public void Clear() => _byKey.Clear();

    internal bool TryTake(string accessKeyId, out EmulatorFault fault)
    {
        fault = default;
        return _byKey.TryGetValue(accessKeyId, out var queue) && queue.TryDequeue(out fault);
    }

    internal static IEnumerable<EmulatorFault> ParseHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            yield break;
        }

        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (EmulatorFault.TryParse(part, out var fault))
            {
                yield return fault;
            }
        }
    }
}
