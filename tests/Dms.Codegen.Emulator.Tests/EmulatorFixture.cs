using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.EndToEnd;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>Starts an emulator per test and makes clients for it.</summary>
internal static class Emulators
{
    public static Task<DmsEmulator> StartAsync(Action<DmsEmulatorOptions>? configure = null)
    {
        var options = new DmsEmulatorOptions { ThrottleRetryAfterMilliseconds = 20 };
        configure?.Invoke(options);
        return DmsEmulator.StartAsync(options);
    }

    public static DmsClient Client(DmsEmulator emulator, Action<DmsClientOptions>? configure = null, HttpMessageHandler? handler = null)
    {
        var options = new DmsClientOptions
        {
            Endpoint = emulator.Endpoint,
            Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret),
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(5) },
        };
        configure?.Invoke(options);
        return handler is null ? new DmsClient(options) : new DmsClient(options, new HttpClient(handler));
    }
}

/// <summary>Changes a request after the client signed it, as an attacker on the wire would.</summary>
internal sealed class TamperingHandler : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, HttpRequestMessage> _tamper;

    public TamperingHandler(Func<HttpRequestMessage, HttpRequestMessage> tamper)
        : base(new SocketsHttpHandler()) => _tamper = tamper;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(_tamper(request), cancellationToken);
}

/// <summary>Sends the first request it saw again in place of every later one: a replay.</summary>
internal sealed class ReplayHandler : DelegatingHandler
{
    private HttpRequestMessage? _first;
    private byte[]? _firstBody;

    public ReplayHandler()
        : base(new SocketsHttpHandler())
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_first is null)
        {
            _first = request;
            _firstBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }

        var replay = new HttpRequestMessage(_first.Method, _first.RequestUri);
        foreach (var header in _first.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (_firstBody is not null)
        {
            replay.Content = new ByteArrayContent(_firstBody);
            replay.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        }

        return await base.SendAsync(replay, cancellationToken);
    }
}
