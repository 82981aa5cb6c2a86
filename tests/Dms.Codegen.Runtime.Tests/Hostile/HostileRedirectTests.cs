using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// A 3xx is never followed: SocketsHttpHandler would resend the signed request (the STS token header, a V1
/// body's Signature and SecurityToken on a 307/308) to whatever host the Location names. It is an
/// InvalidResponse with its status instead, whatever the body says, and nothing reaches the other host.
/// </summary>
public class HostileRedirectTests
{
    public static TheoryData<bool, int, DmsSignatureVersion> Redirects()
    {
        var data = new TheoryData<bool, int, DmsSignatureVersion>();
        foreach (var fromDi in new[] { false, true })
        {
            foreach (var status in new[] { 301, 302, 303, 307, 308 })
            {
                data.Add(fromDi, status, status == 307 ? DmsSignatureVersion.V1 : DmsSignatureVersion.V3);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Redirects))]
    public async Task ARedirectIsNotFollowedToAnotherHost(bool fromDi, int status, DmsSignatureVersion version)
    {
        await using var elsewhere = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            c.Response.Headers.Location = new Uri(elsewhere.Endpoint, "/stolen").ToString();
            c.Response.Headers["x-acs-request-id"] = "R3";
            return LoopbackServer.Json(c, LoopbackServer.DegreeBody, status); // a body that says success does not make it one
        });
        await using var provider = fromDi ? DiServices(server.Endpoint, version) : null;
        using var own = fromDi ? null : TestClients.Create(server.Endpoint, o => Configure(o, server.Endpoint, version));
        IDmsClient client = fromDi ? provider!.GetRequiredService<IDmsClient>() : own!;

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, (HttpStatusCode)status, "req-ok");

        Assert.Contains($"HTTP {status}", exception.Message);
        Assert.Contains("redirect", exception.Message);
        Assert.Equal(1, exception.Attempts);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(0, elsewhere.RequestCount);
    }

    [Fact]
    public async Task AnyOtherThreeHundredIsNoAnswerEither()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody, 300));
        using var client = TestClients.Create(server.Endpoint);

        await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.Ambiguous, "req-ok");
    }

    [Fact]
    public async Task ARedirectWithAnEmptyBodyKeepsTheHeadersRequestId()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            c.Response.Headers.Location = "http://127.0.0.1:9/x";
            c.Response.Headers["x-acs-request-id"] = "R3";
            c.Response.StatusCode = 302;
            return System.Threading.Tasks.Task.CompletedTask;
        });
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.Redirect, "R3");

        Assert.Equal(1, server.RequestCount);
    }

    private static ServiceProvider DiServices(Uri endpoint, DmsSignatureVersion version)
    {
        var services = new ServiceCollection();
        services.AddDmsClient(o => Configure(o, endpoint, version));
        return services.BuildServiceProvider();
    }

    private static void Configure(DmsClientOptions options, Uri endpoint, DmsSignatureVersion version)
    {
        options.Endpoint = endpoint;
        options.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, TestClients.Token);
        options.SignatureVersion = version;
        options.Retry.MaxAttempts = 3;
    }
}
