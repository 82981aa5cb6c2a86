using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Tests;

/// <summary>What the server saw of one request.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IHeaderDictionary Headers, string Body, string Host);

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port. Each request goes to the handler with its
/// 1-based number, so tests script "fail twice, then succeed". Shared by the runtime and workflow tests.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _arrivals = new(0);
    private int _count;

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public int RequestCount => Volatile.Read(ref _count);

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(async context =>
        {
            var number = Interlocked.Increment(ref server._count);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            // Kestrel reuses its header dictionary after the request ends, so keep a copy.
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            server.Received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body, context.Request.Host.Value ?? string.Empty));
            server._arrivals.Release();
            await handler(context, number);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address);
        return server;
    }

    /// <summary>Completes when one more request has arrived (each call waits for the next one not yet waited for).</summary>
    public Task ArrivalAsync() => _arrivals.WaitAsync();

    /// <summary>Writes raw bytes (valid UTF-8 or not) with a status and, optionally, a Content-Encoding.</summary>
    public static Task Bytes(HttpContext context, byte[] body, int status = 200, string? contentEncoding = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        if (contentEncoding is not null)
        {
            context.Response.Headers.ContentEncoding = contentEncoding;
        }

        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Writes a JSON body with a status.</summary>
    public static Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    /// <summary>Answers <c>text/event-stream</c> and writes each chunk with a flush, so the client sees one network read per chunk.</summary>
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

    /// <summary>Holds the request open for 5 s or until the client gives up, to drive timeouts and cancellation.</summary>
    public static Task NeverAnswer(HttpContext context, int attempt) =>
        Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);

    public const string DegreeBody = """{"RequestId":"req-ok","Success":true,"JobDegree":{"ListCompletionDegree":1,"JobStatus":"FILTER_SUCCESS"}}""";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
