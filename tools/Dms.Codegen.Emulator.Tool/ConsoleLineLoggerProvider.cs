using System;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Emulator.Tool;

/// <summary>
/// One plain line per log entry on standard output, for <c>--verbose</c>. Deliberately tiny: no configuration
/// binding, and the emulator only ever logs method, action, status and error code.
/// </summary>
internal sealed class ConsoleLineLoggerProvider : ILoggerProvider
{
    private static readonly object Gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // The exception's type only: its message could quote request data.
            var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {formatter(state, exception)}{(exception is null ? string.Empty : " (" + exception.GetType().Name + ")")}";
            lock (Gate)
            {
                Console.WriteLine(line);
            }
        }
    }
}
