using System;
using System.IO;

namespace QuickStart;

/// <summary>A progress line: redrawn in place on a terminal, one line per change when the output is redirected.</summary>
internal sealed class ProgressBar
{
    private const int Width = 10;

    private readonly TextWriter _output;
    private readonly bool _interactive;
    private string? _last;

    public ProgressBar(TextWriter output, bool interactive)
    {
        _output = output;
        _interactive = interactive;
    }

    /// <summary><c>label [####......]  40%</c> for a degree from 0 to 1.</summary>
    public static string Bar(string label, double? degree)
    {
        var value = Math.Clamp(degree ?? 0, 0, 1);
        var filled = (int)Math.Round(value * Width);
        return $"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {value * 100,3:0}%";
    }

    public void Show(string line)
    {
        line = "  " + line;
        if (line == _last)
        {
            return;
        }

        _output.Write(_interactive ? "\r" + line.PadRight(_last?.Length ?? 0) : line + Environment.NewLine);
        _last = line;
    }

    public void End()
    {
        if (_interactive && _last is not null)
        {
            _output.WriteLine();
        }
    }
}

/// <summary>
/// A waiter's progress: each polled response drawn as a line, at once and on the polling thread
/// (<see cref="Progress{T}"/> would post it to the thread pool, so a line could come after the wait returned).
/// Disposing it ends the line.
/// </summary>
internal sealed class ProgressLine<T> : IProgress<T>, IDisposable
{
    private readonly ProgressBar _bar;
    private readonly Func<T, string> _describe;

    public ProgressLine(TextWriter output, bool interactive, Func<T, string> describe)
    {
        _bar = new ProgressBar(output, interactive);
        _describe = describe;
    }

    public void Report(T value) => _bar.Show(_describe(value));

    public void Dispose() => _bar.End();
}
