using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Workflow.Tests;

/// <summary>A real HTTP server (Kestrel) on 127.0.0.1; the handler gets each request with its 1-based number.</summary>
public sealed class Loopback : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private Loopback(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public int RequestCount => Volatile.Read(ref _count);

    public static async Task<Loopback> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new Loopback(app);
        app.Run(context => handler(context, Interlocked.Increment(ref server._count)));
        await app.StartAsync();
        server.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    /// <summary>Writes each chunk and flushes it, so the client sees one network read per chunk.</summary>
    public static async Task Stream(HttpContext context, params string[] chunks)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.StartAsync();
        }

        foreach (var chunk in chunks)
        {
            await context.Response.WriteAsync(chunk);
            await context.Response.Body.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
