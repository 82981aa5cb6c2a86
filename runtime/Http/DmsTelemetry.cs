using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Http;

/// <summary>The runtime's ActivitySource, Meter and log messages, all named <c>Dms.Codegen.Runtime</c>. Nothing secret is ever recorded.</summary>
public static class DmsTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "Dms.Codegen.Runtime";

    /// <summary>One activity per call.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Counters and histograms.</summary>
    public static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Attempts = Meter.CreateCounter<long>("dms.client.attempts", description: "HTTP attempts sent to DMS.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("dms.client.call.duration", "ms", "Duration of whole calls, retries included.");

    private static readonly Action<ILogger, string, int, int, string, long, Exception?> AttemptDone = LoggerMessage.Define<string, int, int, string, long>(
        LogLevel.Information,
        new EventId(1, "DmsAttempt"),
        "DMS {Action} attempt {Attempt}: HTTP {Status}, RequestId {RequestId}, {ElapsedMs} ms");

    private static readonly Action<ILogger, string, int, string, long, Exception?> AttemptFailed = LoggerMessage.Define<string, int, string, long>(
        LogLevel.Warning,
        new EventId(2, "DmsAttemptFailed"),
        "DMS {Action} attempt {Attempt}: no response ({Reason}), {ElapsedMs} ms");

    private static readonly Action<ILogger, string, int, int, string, string, long, Exception?> AttemptError = LoggerMessage.Define<string, int, int, string, string, long>(
        LogLevel.Warning,
        new EventId(3, "DmsAttemptError"),
        "DMS {Action} attempt {Attempt}: HTTP {Status}, error {Code}, RequestId {RequestId}, {ElapsedMs} ms");

    /// <summary>One line for an attempt that got a response; an error response is a warning with its code.</summary>
    internal static void LogAttempt(ILogger logger, string action, int attempt, int status, string? requestId, long elapsedMs, string? errorCode)
    {
        if (errorCode is null && status < 400)
        {
            AttemptDone(logger, action, attempt, status, requestId ?? "none", elapsedMs, null);
        }
        else
        {
            AttemptError(logger, action, attempt, status, errorCode ?? "none", requestId ?? "none", elapsedMs, null);
        }
    }

    internal static void LogAttemptFailed(ILogger? logger, string action, int attempt, string reason, long elapsedMs)
    {
        if (logger is not null)
        {
            AttemptFailed(logger, action, attempt, reason, elapsedMs, null);
        }
    }
}
