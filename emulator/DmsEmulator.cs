using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Api;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.Hosting;
using Dms.Codegen.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Emulator;

/// <summary>
/// A local DMS endpoint on 127.0.0.1: it verifies signatures strictly, checks parameters against the specs,
/// answers every operation in them, moves jobs through their documented states, and fails on request.
/// </summary>
public sealed class DmsEmulator : IAsyncDisposable
{
    /// <summary>The header that asks for faults on one request, e.g. <c>throttle</c> or <c>latency=200,unknown-enum</c>.</summary>
    public const string FaultHeader = "x-dms-emulator-fault";

    /// <summary>The logger category of the per-request log line (method, action, status, error code; never a secret).</summary>
    public const string LogCategory = "Dms.Codegen.Emulator";

    private readonly WebApplication _app;
    private readonly RequestPipeline _pipeline;
    private int _disposed;

    private DmsEmulator(WebApplication app, RequestPipeline pipeline, Uri endpoint, DmsEmulatorOptions options, EmulatorState state, FaultQueue faults)
    {
        _app = app;
        _pipeline = pipeline;
        Endpoint = endpoint;
        Options = options;
        State = state;
        Faults = faults;
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The options it was started with.</summary>
    public DmsEmulatorOptions Options { get; }

    /// <summary>Jobs and their seeded outcomes.</summary>
    public EmulatorState State { get; }

    /// <summary>Faults queued per access key.</summary>
    public FaultQueue Faults { get; }

    /// <summary>How many signature nonces it remembers now (never more than <see cref="DmsEmulatorOptions.MaxRememberedNonces"/>).</summary>
    public int RememberedNonces => _pipeline.RememberedNonces;

    /// <summary>The operations it answers: the generated descriptors of every spec.</summary>
    public static IReadOnlyList<Dms.Codegen.Http.DmsOperationDescriptor> Operations => DmsClient.Operations;

    /// <summary>Starts an emulator on 127.0.0.1 (on <see cref="DmsEmulatorOptions.Port"/>, or a free port for 0).</summary>
    /// <param name="options">Keys, port, job pace; null for the defaults.</param>
    /// <param name="logger">Receives one line per request; null logs nothing.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<DmsEmulator> StartAsync(DmsEmulatorOptions? options = null, ILoggerProvider? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new DmsEmulatorOptions();

        // The empty builder reads no appsettings.json, environment or command line of the host process: a
        // test project's own Kestrel or URL settings must not move the emulator off 127.0.0.1.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.Logging.ClearProviders();
        if (logger is not null)
        {
            builder.Logging.AddProvider(logger);
        }

        // ASP.NET Core logs request URLs at Information, and a V1 URL carries the key id and the signature.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        try
        {
            var state = new EmulatorState(options.StepInterval, options.TimeProvider);
            var faults = new FaultQueue();
            var admin = new AdminEndpoints(state, faults);
            var pipeline = new RequestPipeline(options, state, faults, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory));
            app.Run(context => context.Request.Path.StartsWithSegments(AdminEndpoints.Prefix) ? admin.HandleAsync(context) : pipeline.HandleAsync(context));
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new DmsEmulator(app, pipeline, new Uri(address.EndsWith('/') ? address : address + "/"), options, state, faults);
        }
        catch
        {
            // A port in use must not leave a half-started host behind.
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the host is asked to stop (Ctrl+C for the command-line host).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellationToken);

    /// <summary>Stops listening. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
