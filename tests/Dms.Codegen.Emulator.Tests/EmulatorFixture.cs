using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.EndToEnd;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>Starts an emulator per test and makes clients for it.</summary>
internal static class Emulators
{
    /// <summary>A data-export ticket every emulator started here has (in its precheck).</summary>
    public const long ExportId = State.EmulatorState.FirstOrderId;

    /// <summary>A data-tracking ticket every emulator started here has (waiting to be submitted: INIT).</summary>
    public const long TrackId = State.EmulatorState.FirstOrderId + 1;

    public static async Task<DmsEmulator> StartAsync(Action<DmsEmulatorOptions>? configure = null)
    {
        var options = new DmsEmulatorOptions { ThrottleRetryAfterMilliseconds = 20 };
        configure?.Invoke(options);
        var emulator = await DmsEmulator.StartAsync(options);
        emulator.State.SeedTicket(State.TicketKind.DataExport);
        emulator.State.SeedTicket(State.TicketKind.DataTrack);
        return emulator;
    }

    /// <summary>Fills the world's instance with databases until it has <paramref name="total"/> (it starts with orders_db).</summary>
    public static void SeedDatabases(DmsEmulator emulator, int total)
    {
        for (var i = 2; i <= total; i++)
        {
            emulator.State.Catalog.AddDatabase(State.World.InstanceId, "db_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
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

/// <summary>Counts what the client really sends, and the statuses that come back (a dropped connection has none).</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _sent;

    public CountingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public int Sent => _sent;

    public System.Collections.Concurrent.ConcurrentQueue<int> Statuses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        var response = await base.SendAsync(request, cancellationToken);
        Statuses.Enqueue((int)response.StatusCode);
        return response;
    }
}
