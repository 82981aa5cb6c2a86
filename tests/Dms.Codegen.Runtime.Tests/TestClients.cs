using System;
using Dms.Codegen.Runtime.Tests.Api;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Runtime.Tests;

internal static class TestClients
{
    public const string KeyId = "testid";
    public const string Secret = "S3cr3t-Never-Shown-9f1c";
    public const string Token = "STS-Token-Never-Shown-77ab";

    /// <summary>A client with no back-off, so that retry tests wait for nothing (tests of waits use a fake clock).</summary>
    public static DmsClient Create(Uri endpoint, Action<DmsClientOptions>? configure = null)
    {
        var options = new DmsClientOptions
        {
            Endpoint = endpoint,
            Credentials = DmsCredentials.AccessKey(KeyId, Secret),
            Retry = { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(2) },
        };
        configure?.Invoke(options);
        return new DmsClient(options);
    }

    public static GetDataTrackJobDegreeRequest Degree() => new() { OrderId = 42, Tid = 7 };
}

/// <summary>Collects every formatted log line.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(Lines);

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines;

        public Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) => _lines = lines;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
