using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Hosting;
using Dms.Codegen.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Emulator.Fakes;

/// <summary>A request a fake received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Query">The decoded query pairs.</param>
/// <param name="Form">The decoded form body pairs.</param>
/// <param name="Headers">The headers (names lower-case).</param>
public sealed record FakeRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, IReadOnlyList<KeyValuePair<string, string>> Form, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A query or form parameter, or null.</summary>
    public string? Parameter(string name) => Query.Concat(Form).FirstOrDefault(p => p.Key == name).Value;

    /// <summary>A header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// What the loopback credential fakes share: a Kestrel server on 127.0.0.1, a log of requests, scripted
/// answers and a gate that holds answers back (to have many callers wait on one refresh).
/// </summary>
public abstract class CredentialFake : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeAnswer> _script = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly List<FakeIssuedCredential> _issued = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private int _disposed;

    private protected CredentialFake(TimeProvider time) => Time = time;

    /// <summary>Where the fake listens, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The fake's clock: expirations are computed with it.</summary>
    public TimeProvider Time { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every credential handed out, in order.</summary>
    public IReadOnlyList<FakeIssuedCredential> Issued
    {
        get
        {
            lock (_issued)
            {
                return [.. _issued];
            }
        }
    }

    /// <summary>Makes the next <paramref name="count"/> credential requests get <paramref name="answer"/> instead of a credential.</summary>
    public void Enqueue(FakeAnswer answer, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(answer);
        for (var i = 0; i < count; i++)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>Holds every answer back until the returned gate is released (or the fake stops).</summary>
    public FakeGate HoldAnswers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _gate, gate)?.TrySetResult();
        return new FakeGate(gate);
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived.</summary>
    public async Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task arrived;
            lock (_requests)
            {
                if (_requests.Count >= count)
                {
                    return;
                }

                arrived = _requestArrived.Task;
            }

            await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening; requests held or hanging are ended. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1 || _app is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _gate?.TrySetResult();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Whether a scripted answer applies to this request (the fake's credential path).</summary>
    private protected virtual bool IsCredentialRequest(FakeRequest request) => true;

    /// <summary>The fake's own answer.</summary>
    private protected abstract Task AnswerAsync(HttpContext context, IncomingRequest incoming, FakeRequest request);

    private protected FakeIssuedCredential Issue(TimeSpan lifetime, string issuer, string? role)
    {
        var credential = FakeIssuedCredential.Create(Time.GetUtcNow(), lifetime, issuer, role);
        lock (_issued)
        {
            _issued.Add(credential);
        }

        return credential;
    }

    private protected static Task WriteJsonAsync(HttpContext context, string json) => JsonAnswer.WriteAsync(context, json, requestId: null);

    private protected async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var incoming = await IncomingRequest.ReadAsync(context.Request).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var request = new FakeRequest(context.Request.Method, context.Request.Path.Value ?? "/", incoming.Query, incoming.Form, headers);
        lock (_requests)
        {
            _requests.Add(request);
            _requestArrived.TrySetResult();
            _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (Volatile.Read(ref _gate) is { } gate)
            {
                await gate.Task.WaitAsync(ended.Token).ConfigureAwait(false);
            }

            if (IsCredentialRequest(request) && _script.TryDequeue(out var scripted))
            {
                await WriteScriptedAsync(context, scripted, ended.Token).ConfigureAwait(false);
                return;
            }

            await AnswerAsync(context, incoming, request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client gave up or the fake stopped: nothing to answer.
        }
    }

    private static async Task WriteScriptedAsync(HttpContext context, FakeAnswer answer, CancellationToken ended)
    {
        if (answer.Hang)
        {
            await Task.Delay(Timeout.Infinite, ended).ConfigureAwait(false);
            return;
        }

        if (answer.Code is { } code)
        {
            await new AlibabaError(answer.Status, code, answer.Body ?? string.Empty).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = (int)answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body!, ended).ConfigureAwait(false);
    }
}

/// <summary>Holds a fake's answers back until <see cref="Release"/>.</summary>
public sealed class FakeGate
{
    private readonly TaskCompletionSource _gate;

    internal FakeGate(TaskCompletionSource gate) => _gate = gate;

    /// <summary>Lets every held request (and every later one) be answered.</summary>
    public void Release() => _gate.TrySetResult();
}
