using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Signing;

namespace Dms.Codegen.Http;

/// <summary>
/// What it takes to sign one call's requests, travelling with each <see cref="HttpRequestMessage"/> in its
/// <see cref="HttpRequestMessage.Options"/>: whoever sends the message (the client itself, or the
/// <see cref="DmsSigningHandler"/> innermost in an HttpClientFactory chain, once per wire attempt) signs it
/// here, with a fresh credential, date and nonce. It remembers what it signed with, so that anything the
/// server echoes can be masked.
/// </summary>
internal sealed class DmsSigningContext
{
    public static readonly HttpRequestOptionsKey<DmsSigningContext> Key = new("Dms.Codegen.Signing");

    private const int NonceBytes = 16;

    [ThreadStatic]
    private static byte[]? t_nonceBytes;

    [ThreadStatic]
    private static int t_nonceUsed;

    private readonly DmsClientSettings _settings;
    private readonly bool _carried;
    private readonly bool _compressed;
    private readonly object _gate = new();
    private List<string>? _earlierSignatures;
    private string? _signature;
    private bool _signedByClient;
    private Uri? _answeredFrom;
    private Uri? _signedUri;

    /// <param name="settings">The client's settings.</param>
    /// <param name="request">The call's request.</param>
    /// <param name="carried">Whether messages carry the context in their options (a chain the client did not build may hold a <see cref="DmsSigningHandler"/>).</param>
    /// <param name="compressed">Whether to ask for a compressed answer (bodies read whole; a stream's events should arrive as they are sent).</param>
    public DmsSigningContext(DmsClientSettings settings, DmsRequest request, bool carried, bool compressed = true)
    {
        _settings = settings;
        _carried = carried;
        _compressed = compressed;
        Request = request;
        Body = request.Form.Count == 0 ? null : Encoding.UTF8.GetBytes(DmsHttpRequestFactory.EncodePairs(request.Form));
        BodyHash = settings.SignatureVersion == DmsSignatureVersion.V3 ? Acs3Signer.HashPayload(Body) : string.Empty;
    }

    public DmsRequest Request { get; }

    /// <summary>The encoded form body, once per call (every attempt sends the same bytes).</summary>
    public byte[]? Body { get; }

    /// <summary>The V3 body hash, once per call.</summary>
    public string BodyHash { get; }

    /// <summary>The credential of the latest signing.</summary>
    public DmsCredential? Credential { get; private set; }

    /// <summary>How many times a message of this call was signed (wire attempts, retries inside the chain included).</summary>
    public int Signings { get; private set; }

    /// <summary>A message for one attempt of the call, unsigned, carrying this context.</summary>
    public HttpRequestMessage CreateMessage()
    {
        var message = new HttpRequestMessage(Request.Method, _settings.Endpoint);
        message.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (_compressed)
        {
            // The same value SocketsHttpHandler's automatic decompression sends; DmsResponseBody decodes the answer.
            message.Headers.TryAddWithoutValidation("Accept-Encoding", DmsResponseBody.AcceptedEncodings);
        }

        message.Headers.TryAddWithoutValidation("User-Agent", _settings.UserAgent);
        if (_carried)
        {
            message.Options.Set(Key, this);
        }

        return message;
    }

    /// <summary>Signs <paramref name="message"/> now; signing it again (a retry inside the chain) replaces the earlier signature.</summary>
    public async ValueTask SignAsync(HttpRequestMessage message, bool byClient, CancellationToken cancellationToken)
    {
        var credential = await _settings.Credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        var resign = message.Headers.Contains(DmsHttpRequestFactory.NonceHeader);
        var signature = DmsHttpRequestFactory.Sign(message, this, _settings.Endpoint, credential, _settings.SignatureVersion, _settings.TimeProvider.GetUtcNow(), NewNonce(), resign);
        lock (_gate)
        {
            if (_signature is not null)
            {
                (_earlierSignatures ??= new()).Add(_signature);
            }

            _signature = signature;
            Credential = credential;
            Signings++;
            _signedByClient = byClient;
            _signedUri = message.RequestUri;
        }
    }

    /// <summary>
    /// For <see cref="DmsSigningHandler"/>: the first pass of a message the client already signed goes out as it
    /// is; every other pass (a retry or hedge of some handler further out) is signed afresh.
    /// </summary>
    public ValueTask SignInChainAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_signedByClient)
            {
                _signedByClient = false;
                return default;
            }
        }

        return SignAsync(message, byClient: false, cancellationToken);
    }

    /// <summary>
    /// Notes where the answer to a signed message came from, before anything resets its URI: a handler that
    /// followed a redirect (a caller's HttpClient, or a primary handler <c>AddDmsClient</c> could not configure)
    /// has pointed the message at the <c>Location</c>. The URI as signed is kept by reference, so the usual answer
    /// costs one comparison.
    /// </summary>
    public void SawAnswer(HttpResponseMessage response)
    {
        if (response.RequestMessage?.RequestUri is { } uri && !ReferenceEquals(uri, _signedUri) && !FromEndpoint(uri))
        {
            Interlocked.CompareExchange(ref _answeredFrom, uri, null);
        }
    }

    /// <summary>
    /// The failure of a call whose answer (this attempt's or one inside the chain) came from elsewhere than the
    /// endpoint; null for the client's own handler, which follows no redirects.
    /// </summary>
    public DmsFailure? Misdirected(HttpResponseMessage response)
    {
        if (!_carried)
        {
            return null;
        }

        SawAnswer(response);
        if (Volatile.Read(ref _answeredFrom) is not { } uri)
        {
            return null;
        }

        // Only the origin and path are shown (the query of a Location is the other server's to say), and no status: it is
        // the other server's too, and must not make the call retry towards it.
        return new DmsFailure(DmsFailureKind.InvalidResponse, DmsErrorCodes.InvalidResponse, $"the answer came from {Origin(uri)}, not from the endpoint {Origin(_settings.Endpoint)}: a handler followed a redirect, which sends the signed request elsewhere; turn AllowAutoRedirect off in the HttpClient's handler");
    }

    /// <summary>For <see cref="DmsSigningHandler"/>, once the inner handlers are done with a message it signed.</summary>
    public void Unsign(HttpRequestMessage message) => DmsHttpRequestFactory.Unsign(message, Request, _settings.Endpoint);

    /// <summary>Every form of the secrets this call signed with.</summary>
    public DmsRedaction.SecretForms RedactionForms()
    {
        lock (_gate)
        {
            var signatures = new List<string>(_earlierSignatures ?? (IEnumerable<string>)Array.Empty<string>());
            if (_signature is not null)
            {
                signatures.Add(_signature);
            }

            return DmsRedaction.SecretForms.For(Credential, signatures);
        }
    }

    // Requests go to the endpoint's root ("/"), whatever path the endpoint was given with.
    private bool FromEndpoint(Uri uri) =>
        uri.AbsolutePath == "/" && Uri.Compare(uri, _settings.Endpoint, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.Ordinal) == 0;

    private static string Origin(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>32 lower-case hex characters of fresh random bytes, like a GUID's "N" form.</summary>
    private static string NewNonce()
    {
        // One call into the system's random source per 16 nonces instead of one per attempt.
        var buffer = t_nonceBytes ??= new byte[NonceBytes * 16];
        if (t_nonceUsed == 0 || t_nonceUsed >= buffer.Length)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
            t_nonceUsed = 0;
        }

        var bytes = buffer.AsSpan(t_nonceUsed, NonceBytes);
        t_nonceUsed += NonceBytes;
        var nonce = SigningText.LowerHex(string.Empty, bytes);
        bytes.Clear(); // a nonce that has been handed out is not kept
        return nonce;
    }
}
