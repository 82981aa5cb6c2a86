using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>The emulator's log says what happened to each request, and nothing that could be replayed or is secret.</summary>
public class LoggingTests
{
    [Fact]
    public async Task EachRequestIsOneLineWithoutKeysSignaturesUrlsOrValues()
    {
        var log = new CapturingProvider();
        await using var emulator = await DmsEmulator.StartAsync(logger: log);
        emulator.State.SeedTicket(State.TicketKind.DataExport);
        emulator.State.SeedTicket(State.TicketKind.DataTrack);
        using var http = new HttpClient();
        var good = new RawRequest("GetDataTrackJobDegree", ("OrderId", Emulators.TrackId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var bad = new RawRequest("GetDataTrackJobDegree", ("OrderId", Emulators.TrackId.ToString(System.Globalization.CultureInfo.InvariantCulture))) { Secret = "wrong-secret" };
        using var goodMessage = good.V1(emulator.Endpoint);
        var signature = System.Web.HttpUtility.ParseQueryString(goodMessage.RequestUri!.Query)["Signature"]!;

        await http.SendAsync(goodMessage);
        await RawAnswer.SendAsync(http, bad.V3(emulator.Endpoint));
        await RawAnswer.SendAsync(http, new RawRequest("GetDataTrackJobDegree", ("OrderId", Emulators.TrackId.ToString(System.Globalization.CultureInfo.InvariantCulture))).WithFault("5xx").V3(emulator.Endpoint));

        // The line is written as the answer completes; give a busy machine a moment.
        for (var wait = 0; wait < 100 && log.Lines.Count < 3; wait++)
        {
            await Task.Delay(20);
        }

        var lines = log.Lines.ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Contains("POST GetDataTrackJobDegree -> 200 -", lines);
        Assert.Contains("POST (unverified) -> 400 SignatureDoesNotMatch", lines);
        Assert.Contains("POST GetDataTrackJobDegree -> 503 ServiceUnavailable", lines);
        foreach (var secretish in new[] { DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret, "wrong-secret", signature, "424242", "127.0.0.1" })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secretish, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue(formatter(state, exception));
        }
    }
}
