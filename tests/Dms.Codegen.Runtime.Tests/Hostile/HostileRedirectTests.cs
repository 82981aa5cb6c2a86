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

    /// <summary>
    /// A caller's HttpClient, or a primary handler AddDmsClient cannot configure, may follow a redirect itself:
    /// the answer then comes from the Location, not from DMS, and is an InvalidResponse that names where it came
    /// from, whatever it says, never retried towards it. (The request has gone there by then: the README says to
    /// turn AllowAutoRedirect off.)
    /// </summary>
    [Theory]
    [InlineData(false, 302, DmsSignatureVersion.V3, "/stolen")]
    [InlineData(false, 307, DmsSignatureVersion.V1, "/stolen")]
    [InlineData(false, 308, DmsSignatureVersion.V3, null)]
    [InlineData(true, 302, DmsSignatureVersion.V3, "/stolen")]
    [InlineData(true, 307, DmsSignatureVersion.V1, null)]
    [InlineData(true, 302, DmsSignatureVersion.V3, "/")]
    public async Task ARedirectFollowedByAHandlerTheClientDidNotBuildIsNoAnswer(bool fromDi, int status, DmsSignatureVersion version, string? path)
    {
        // path null: a redirect to the same server's /other; "/": to the other server's root, the endpoint's path.
        await using var elsewhere = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        LoopbackServer? self = null;
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            if (c.Request.Path == "/other")
            {
                return LoopbackServer.Json(c, LoopbackServer.DegreeBody);
            }

            c.Response.Headers.Location = path is null ? new Uri(self!.Endpoint, "/other").ToString() : new Uri(elsewhere.Endpoint, path).ToString();
            return LoopbackServer.Json(c, "{}", status);
        });
        self = server;
        var target = path is null ? new Uri(server.Endpoint, "/other") : new Uri(elsewhere.Endpoint, path);
        await using var provider = fromDi ? FollowingDiServices(server.Endpoint, version) : null;
        using var httpClient = fromDi ? null : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        var options = new DmsClientOptions();
        Configure(options, server.Endpoint, version);
        using var own = fromDi ? null : new DmsClient(options, httpClient!);
        IDmsClient client = fromDi ? provider!.GetRequiredService<IDmsClient>() : own!;

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(DmsErrorCodes.InvalidResponse, exception.Code);
        Assert.Contains($"the answer came from {target.GetLeftPart(UriPartial.Path)}, not from the endpoint {server.Endpoint}", exception.Message);
        Assert.Contains("AllowAutoRedirect", exception.Message);
        Assert.Null(exception.StatusCode);
        Assert.Equal(1, exception.Attempts);
        Assert.Equal(path is null ? 2 : 1, server.RequestCount);
        Assert.Equal(path is null ? 0 : 1, elsewhere.RequestCount);
    }

    [Fact]
    public async Task ACallerHttpClientThatFollowsNoRedirectIsUnaffected()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var httpClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        var options = new DmsClientOptions();
        Configure(options, server.Endpoint, DmsSignatureVersion.V1);
        using var client = new DmsClient(options, httpClient);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.True(response.Success);
        Assert.Equal(1, server.RequestCount);
    }

    /// <summary>A primary handler of a type AddDmsClient does not know, so cannot turn redirects off in.</summary>
    private static ServiceProvider FollowingDiServices(Uri endpoint, DmsSignatureVersion version)
    {
        var services = new ServiceCollection();
        services.AddDmsClient(o => Configure(o, endpoint, version))
            .ConfigurePrimaryHttpMessageHandler(() => new Wrapping(new SocketsHttpHandler { AllowAutoRedirect = true }));
        return services.BuildServiceProvider();
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

    private sealed class Wrapping : DelegatingHandler
    {
        public Wrapping(HttpMessageHandler inner)
            : base(inner)
        {
        }
    }
}
