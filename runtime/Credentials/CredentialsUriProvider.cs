using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// A local credentials service (<c>ALIBABA_CLOUD_CREDENTIALS_URI</c>): <c>GET</c> the URI, unsigned, for a JSON
/// object with <c>AccessKeyId</c>, <c>AccessKeySecret</c>, <c>SecurityToken</c> and <c>Expiration</c> (and, if
/// it sends one, <c>"Code": "Success"</c>).
/// </summary>
internal sealed class CredentialsUriProvider : RefreshingCredentialProvider
{
    public const string Variable = "ALIBABA_CLOUD_CREDENTIALS_URI";

    private readonly Uri _uri;
    private readonly CredentialHttp _http;

    public CredentialsUriProvider(Uri uri, DmsCredentialOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The credentials URI must be an absolute http or https URI.", nameof(uri));
        }

        _uri = uri;
        _http = new CredentialHttp(options, metadata: false);
    }

    // Host and path only: a query string could carry a token.
    public override string Source => $"credentials URI {_uri.GetLeftPart(UriPartial.Path)}";

    protected override async Task<DmsCredential> FetchAsync(CancellationToken cancellationToken)
    {
        const string what = "the credentials URI";
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        var answer = await _http.SendAsync(request, Source, what, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw new DmsCredentialException(Source, $"{what} answered HTTP {(int)answer.Status}");
        }

        using var document = CredentialHttp.ParseObject(answer, Source, what);
        if (CredentialHttp.Text(document.RootElement, "Code", Source) is { } code && code != "Success")
        {
            throw new DmsCredentialException(Source, $"{what} answered Code '{CredentialHttp.Cut(code, 60)}' instead of 'Success'");
        }

        return CredentialHttp.ReadCredential(document.RootElement, Source, what, "credentials_uri");
    }
}
