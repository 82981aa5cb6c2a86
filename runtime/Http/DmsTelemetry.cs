using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Http;

/// <summary>
/// The runtime's ActivitySource and Meter, both named <c>Dms.Codegen.Runtime</c>, following the OpenTelemetry
/// semantic conventions for RPC of version <see cref="SemanticConventionsVersion"/>: one client span per call
/// named <c>dms-enterprise/{Action}</c> with <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c>,
/// <c>server.address</c>, <c>server.port</c> and, on failure, <c>error.type</c>; the <c>rpc.client.duration</c>
/// histogram in milliseconds. DMS's request id is <c>dms.request_id</c> (no convention exists for it). Log
/// messages go to the category <c>Dms.Codegen.DmsClient</c>. Nothing secret is ever recorded.
/// </summary>
public static class DmsTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "Dms.Codegen.Runtime";

    /// <summary>The OpenTelemetry semantic conventions release the span and metric follow.</summary>
    public const string SemanticConventionsVersion = "1.38.0";

    /// <summary>The log category of the client's attempt lines.</summary>
    public const string LogCategory = "Dms.Codegen.DmsClient";

    /// <summary>The value of <c>rpc.system</c> (no well-known value applies to Alibaba Cloud's RPC style).</summary>
    public const string RpcSystem = "alibaba_cloud";

    /// <summary>The value of <c>rpc.service</c>: DMS's product code.</summary>
    public const string RpcService = "dms-enterprise";

    /// <summary>One activity per call.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Counters and histograms.</summary>
    public static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Attempts = Meter.CreateCounter<long>("dms.client.attempts", "{attempt}", "HTTP attempts sent to DMS, retries included.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("rpc.client.duration", "ms", "Measures the duration of outbound RPC.");

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

    /// <summary>Starts a call's span and clock.</summary>
    internal static CallScope StartCall(string action, DmsClientSettings settings)
    {
        // The span's name is only built when someone listens.
        var activity = ActivitySource.HasListeners() ? ActivitySource.StartActivity(RpcService + "/" + action, ActivityKind.Client) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", RpcSystem);
            activity.SetTag("rpc.service", RpcService);
            activity.SetTag("rpc.method", action);
            activity.SetTag("server.address", settings.Endpoint.Host);
            activity.SetTag("server.port", settings.Endpoint.Port);
        }

        // No clock read for a duration nobody records (a meter listener that attaches mid-call misses that call).
        return new CallScope(action, settings, activity, activity is not null || Duration.Enabled ? settings.TimeProvider.GetTimestamp() : 0);
    }

    /// <summary>One line for an attempt that got a response; an error response is a warning with its code.</summary>
    internal static void LogAttempt(ILogger? logger, string action, int attempt, int status, string? requestId, long elapsedMs, string? errorCode)
    {
        if (logger is null)
        {
            return;
        }

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

    /// <summary>
    /// A call's span and duration: <see cref="Dispose"/> ends the span and records the duration. A struct, so a
    /// call costs no allocation for telemetry when nobody listens; the call keeps it in one variable (it is
    /// mutable: <see cref="Failed"/> remembers the error type for <see cref="Dispose"/>).
    /// </summary>
    internal struct CallScope : IDisposable
    {
        private readonly string _action;
        private readonly DmsClientSettings _settings;
        private readonly Activity? _activity;
        private readonly long _started;
        private string? _errorType;

        public CallScope(string action, DmsClientSettings settings, Activity? activity, long started)
        {
            _action = action;
            _settings = settings;
            _activity = activity;
            _started = started;
        }

        public bool WantsRequestId => _settings.Logger is not null || _activity is { IsAllDataRequested: true };

        public void Attempted(int attempt, int status, string? requestId)
        {
            if (status != 0 && Attempts.Enabled)
            {
                Attempts.Add(1, new("rpc.method", _action), new("http.response.status_code", status));
            }

            if (_activity is { IsAllDataRequested: true })
            {
                _activity.SetTag("dms.attempts", attempt);
                if (status != 0)
                {
                    _activity.SetTag("http.response.status_code", status);
                }

                if (requestId is not null)
                {
                    _activity.SetTag("dms.request_id", requestId);
                }
            }
        }

        /// <summary>Records how the call failed (an exception filter: always false, so nothing is caught).</summary>
        public bool Failed(Exception exception)
        {
            _errorType = exception is DmsException { Code: { } code } ? code : exception.GetType().FullName;
            if (_activity is not null)
            {
                _activity.SetTag("error.type", _errorType);
                _activity.SetStatus(ActivityStatusCode.Error, _errorType);
            }

            return false;
        }

        public void Dispose()
        {
            if (Duration.Enabled && _started != 0)
            {
                var tags = new TagList
                {
                    { "rpc.system", RpcSystem },
                    { "rpc.service", RpcService },
                    { "rpc.method", _action },
                    { "server.address", _settings.Endpoint.Host },
                    { "server.port", _settings.Endpoint.Port },
                };
                if (_errorType is not null)
                {
                    tags.Add("error.type", _settings.ErrorTypes.Bounded(_errorType));
                }

                Duration.Record(_settings.TimeProvider.GetElapsedTime(_started).TotalMilliseconds, tags);
            }

            _activity?.Dispose();
        }
    }
}

/// <summary>
/// At most <see cref="Max"/> distinct <c>error.type</c> values per client reach the duration metric, then
/// <c>_OTHER</c> (the conventions' fallback): <c>error.type</c> is the server's <c>Code</c>, and a server that
/// invents one per answer would otherwise grow the meter's series, each kept by every exporter, without bound.
/// Spans keep the exact code. Two threads may both pass the count check, so the bound is Max plus a few.
/// </summary>
internal sealed class DmsErrorTypes
{
    public const int Max = 64;

    public const string Other = "_OTHER";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

    public string Bounded(string errorType)
    {
        if (_seen.ContainsKey(errorType))
        {
            return errorType;
        }

        if (_seen.Count >= Max)
        {
            return Other;
        }

        _seen.TryAdd(errorType, true);
        return errorType;
    }
}
