using System;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Fakes;

/// <summary>
/// A loopback credentials URI (<c>ALIBABA_CLOUD_CREDENTIALS_URI</c>): every <c>GET</c> gets a fresh temporary
/// credential as <c>{"Code":"Success","AccessKeyId",...,"Expiration"}</c>. Use <see cref="Uri"/> as the URI.
/// </summary>
public sealed class FakeCredentialsUri : CredentialFake
{
    private readonly TimeSpan _lifetime;

    private FakeCredentialsUri(TimeSpan lifetime, TimeProvider time)
        : base(time) => _lifetime = lifetime;

    /// <summary>The URI to configure: <see cref="CredentialFake.Endpoint"/> + <c>credentials</c>.</summary>
    public Uri Uri => new(Endpoint, "credentials");

    /// <summary>Starts the fake on 127.0.0.1 on a free port.</summary>
    /// <param name="lifetime">How long each credential lives (default 1 hour).</param>
    /// <param name="timeProvider">The clock expirations are computed with.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<FakeCredentialsUri> StartAsync(TimeSpan? lifetime = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var fake = new FakeCredentialsUri(lifetime ?? TimeSpan.FromHours(1), timeProvider ?? TimeProvider.System);
        await fake.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        return fake;
    }

    private protected override Task AnswerAsync(HttpContext context, IncomingRequest incoming, FakeRequest request)
    {
        if (request.Method != "GET")
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        var issued = Issue(_lifetime, "CredentialsUri", null);
        return WriteJsonAsync(context, FakeMetadataService.Answer(issued, Time.GetUtcNow()));
    }
}
