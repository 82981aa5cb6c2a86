using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

/// <summary>A whole client call signed with a role's temporary credential, verified by the DMS emulator.</summary>
public sealed class TemporaryCredentialCallTests
{
    [Theory]
    [InlineData(DmsSignatureVersion.V3)]
    [InlineData(DmsSignatureVersion.V1)]
    public async Task AClientOnARoleSendsTheStsTokenAsTheOfficialClientDoes(DmsSignatureVersion version)
    {
        await using var kit = new CredentialKit();
        var sts = await kit.StsAsync();
        var role = kit.Role();
        var issued = await role.GetCredentialAsync(default);

        // The emulator knows the temporary key; a request signed with anything else fails its check.
        var emulatorOptions = new DmsEmulatorOptions();
        emulatorOptions.AccessKeys[issued.AccessKeyId] = issued.RevealAccessKeySecret();
        await using var emulator = await DmsEmulator.StartAsync(emulatorOptions);
        var seen = new ConcurrentQueue<HttpRequestMessage>();
        using var http = new HttpClient(new Capture(seen, new SocketsHttpHandler()));
        using var client = new DmsClient(new DmsClientOptions { Endpoint = emulator.Endpoint, Credentials = role, SignatureVersion = version }, http);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.NotNull(response.RequestId);
        Assert.Single(sts.Requests); // the call used the cached credential
        var request = seen.Single();
        var token = issued.RevealSecurityToken();
        if (version == DmsSignatureVersion.V3)
        {
            // V3: x-acs-security-token and x-acs-accesskey-id, both signed.
            Assert.Equal(token, request.Headers.GetValues("x-acs-security-token").Single());
            Assert.Equal(issued.AccessKeyId, request.Headers.GetValues("x-acs-accesskey-id").Single());
            var authorization = request.Headers.GetValues("Authorization").Single();
            Assert.Contains("Credential=" + issued.AccessKeyId + ",", authorization);
            Assert.Contains("x-acs-accesskey-id;", authorization);
            Assert.Contains("x-acs-security-token", authorization);
        }
        else
        {
            // V1: SecurityToken among the signed query parameters.
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            Assert.Equal(token, query["SecurityToken"]);
            Assert.Equal(issued.AccessKeyId, query["AccessKeyId"]);
        }
    }

    [Fact]
    public async Task AnExpiredTemporaryKeyIsReplacedBeforeTheNextCall()
    {
        await using var kit = new CredentialKit();
        var sts = await kit.StsAsync();
        var role = kit.Role();
        var first = await role.GetCredentialAsync(default);
        kit.Clock.Advance(TimeSpan.FromMinutes(50));
        var second = await role.GetCredentialAsync(default);

        var emulatorOptions = new DmsEmulatorOptions();
        emulatorOptions.AccessKeys[second.AccessKeyId] = second.RevealAccessKeySecret();
        await using var emulator = await DmsEmulator.StartAsync(emulatorOptions);
        using var client = TestClients.Create(emulator.Endpoint, o => o.Credentials = role);

        Assert.NotNull((await client.GetDataTrackJobDegreeAsync(TestClients.Degree())).RequestId);
        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        Assert.Equal(2, sts.Requests.Count);
    }

    private sealed class Capture(ConcurrentQueue<HttpRequestMessage> seen, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
