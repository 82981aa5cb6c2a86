using System;
using System.IO;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// The process's context switches so far (voluntary and not, summed over its live threads, from /proc on Linux;
/// 0 elsewhere): a call that wakes more threads, or lets them fall asleep, costs CPU that no profile frame shows.
/// </summary>
internal static class ThreadCounters
{
    public static long ContextSwitches()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return 0;
        }

        long total = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return total;
    }
}
