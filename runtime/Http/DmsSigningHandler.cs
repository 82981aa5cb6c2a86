using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Http;

/// <summary>
/// Signs each DMS request as it passes, so that a retry or hedge by any handler further out (the standard
/// resilience handler, Polly) sends a fresh signature, date and nonce instead of replaying a used one.
/// <c>AddDmsClient</c> places it innermost, next to the transport, after everything else in the chain; put it
/// innermost yourself if you build a chain by hand. Once the inner handlers are done, the signature comes off
/// again, so handlers further out never see a signature or token. Requests that are not a DMS client's pass untouched.
/// </summary>
public sealed class DmsSigningHandler : DelegatingHandler
{
    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> when building a chain by hand.</summary>
    public DmsSigningHandler()
    {
    }

    /// <summary>Creates the handler around <paramref name="innerHandler"/>.</summary>
    public DmsSigningHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(DmsSigningContext.Key, out var context))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await context.SignInChainAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            context.SawAnswer(response); // before Unsign points the message back at the endpoint
            return response;
        }
        finally
        {
            // Handlers further out see the message again on a retry, or log it afterwards: never with a used signature or the token.
            context.Unsign(request);
        }
    }
}
