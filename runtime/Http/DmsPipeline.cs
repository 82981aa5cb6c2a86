using System;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Http;

/// <summary>
/// A client's way to the wire: its settings, its retry policy, and where each attempt's HttpClient comes from
/// (its own or the caller's, which the client signs for, or IHttpClientFactory per call, whose chain ends in a
/// <see cref="DmsSigningHandler"/>). <see cref="DmsCall"/> runs calls over it; streaming reuses
/// <see cref="SendAttemptAsync"/> to get a response after its headers.
/// </summary>
internal sealed class DmsPipeline
{
    private readonly HttpMessageInvoker? _httpClient;
    private readonly IHttpClientFactory? _factory;
    private readonly string? _httpClientName;

    /// <summary>Attempts go through the caller's HttpClient, whose chain may hold a <see cref="DmsSigningHandler"/>.</summary>
    public DmsPipeline(DmsClientSettings settings, HttpClient httpClient)
        : this(settings)
    {
        _httpClient = httpClient;
        CarriesContext = true;
    }

    /// <summary>
    /// Attempts go straight to the client's own handler: no <see cref="DmsSigningHandler"/> can be in it, and
    /// an <see cref="HttpMessageInvoker"/> skips what HttpClient adds per request (its linked token source and
    /// timeout, base address and default headers), none of which the client uses.
    /// </summary>
    public DmsPipeline(DmsClientSettings settings, HttpMessageInvoker ownInvoker)
        : this(settings)
    {
        _httpClient = ownInvoker;
        CarriesContext = false;
    }

    public DmsPipeline(DmsClientSettings settings, IHttpClientFactory factory, string httpClientName)
        : this(settings)
    {
        _factory = factory;
        _httpClientName = httpClientName;
        CarriesContext = true;
    }

    private DmsPipeline(DmsClientSettings settings)
    {
        Settings = settings;
        Retry = new DmsRetryPolicy(settings.Retry, settings.OverallTimeout);
    }

    public DmsClientSettings Settings { get; }

    public DmsRetryPolicy Retry { get; }

    /// <summary>Whether a message must carry its <see cref="DmsSigningContext"/>, for a <see cref="DmsSigningHandler"/> in the chain.</summary>
    public bool CarriesContext { get; }

    /// <summary>
    /// Sends one signed attempt of the context's request and returns the response as soon as its headers are
    /// in; the caller reads and disposes it. Transport failures throw as HttpClient throws them.
    /// </summary>
    /// <exception cref="Credentials.DmsCredentialException">No credential could be had; nothing was sent.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResponseMessage> SendAttemptAsync(DmsSigningContext context, CancellationToken cancellationToken)
    {
        using var message = context.CreateMessage();
        HttpResponseMessage response;
        if (_httpClient is { } own)
        {
            // A caller's chain is already built: sign here, once per own attempt (a DmsSigningHandler inside it re-signs replays).
            await context.SignAsync(message, byClient: true, cancellationToken).ConfigureAwait(false);
            response = await (own is HttpClient client
                ? client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                : own.SendAsync(message, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            // A new HttpClient per call from the factory keeps handler rotation working; its innermost handler signs.
            var signingsBefore = context.Signings;
            response = await _factory!.CreateClient(_httpClientName!).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (context.Signings == signingsBefore)
            {
                response.Dispose();
                throw new InvalidOperationException($"The HttpClient '{_httpClientName}' has no DmsSigningHandler, so the request went out unsigned; register the client with AddDmsClient, which adds it.");
            }
        }

        return response;
    }
}
