using System;
using Dms.Codegen.Credentials;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Http;

/// <summary>The options, copied when a client is created so that later changes to the options object do not leak in.</summary>
internal sealed class DmsClientSettings
{
    public DmsClientSettings(DmsClientOptions options)
    {
        Endpoint = options.ResolveEndpoint();
        Credentials = options.Credentials ?? DmsCredentials.Default();
        SignatureVersion = options.SignatureVersion;
        AttemptTimeout = options.AttemptTimeout;
        OverallTimeout = options.OverallTimeout;
        Retry = new DmsRetryOptions { MaxAttempts = options.Retry.MaxAttempts, BaseDelay = options.Retry.BaseDelay, MaxDelay = options.Retry.MaxDelay };
        UserAgent = options.UserAgent ?? "Dms.Codegen/" + typeof(DmsClientBase).Assembly.GetName().Version?.ToString(3);
        Logger = options.Logger ?? options.LoggerFactory?.CreateLogger(DmsTelemetry.LogCategory);
        TimeProvider = options.TimeProvider;
        MaxResponseBytes = options.MaxResponseBytes;
        ErrorTypes = new DmsErrorTypes();
    }

    private DmsClientSettings(DmsClientSettings other, DmsSignatureVersion signatureVersion)
    {
        Endpoint = other.Endpoint;
        Credentials = other.Credentials;
        SignatureVersion = signatureVersion;
        AttemptTimeout = other.AttemptTimeout;
        OverallTimeout = other.OverallTimeout;
        Retry = other.Retry;
        UserAgent = other.UserAgent;
        Logger = other.Logger;
        TimeProvider = other.TimeProvider;
        MaxResponseBytes = other.MaxResponseBytes;
        ErrorTypes = other.ErrorTypes;
    }

    public Uri Endpoint { get; }

    public IDmsCredentialProvider Credentials { get; }

    public DmsSignatureVersion SignatureVersion { get; }

    public TimeSpan AttemptTimeout { get; }

    public TimeSpan OverallTimeout { get; }

    public DmsRetryOptions Retry { get; }

    public string UserAgent { get; }

    public ILogger? Logger { get; }

    public TimeProvider TimeProvider { get; }

    public long MaxResponseBytes { get; }

    /// <summary>The <c>error.type</c> values this client's duration metric has used (bounded).</summary>
    public DmsErrorTypes ErrorTypes { get; }

    /// <summary>These settings with another signature version (streams are always signed with V3, as Alibaba's clients sign them).</summary>
    public DmsClientSettings WithSignatureVersion(DmsSignatureVersion version) => version == SignatureVersion ? this : new DmsClientSettings(this, version);
}
