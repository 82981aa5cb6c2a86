using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

public class OptionsTests
{
    [Fact]
    public void EndpointDefaultsRegionAndExplicitUri()
    {
        Assert.Equal(new Uri("https://dms-enterprise.aliyuncs.com"), new DmsClientOptions().ResolveEndpoint());
        Assert.Equal(new Uri("https://dms-enterprise.cn-hangzhou.aliyuncs.com"), new DmsClientOptions { RegionId = "cn-hangzhou" }.ResolveEndpoint());
        Assert.Equal(new Uri("http://127.0.0.1:8080"), new DmsClientOptions { RegionId = "cn-hangzhou", Endpoint = new Uri("http://127.0.0.1:8080") }.ResolveEndpoint());
        Assert.Equal(DmsSignatureVersion.V3, new DmsClientOptions().SignatureVersion);
    }

    [Theory]
    [InlineData("cn hangzhou")]
    [InlineData("cn-hangzhou/evil")]
    [InlineData("CN-HANGZHOU")]
    public void AMalformedRegionIsAnArgumentErrorNamingIt(string region)
    {
        var exception = Assert.Throws<ArgumentException>(() => new DmsClientOptions { RegionId = region }.Validate());
        Assert.Equal("RegionId", exception.ParamName);
    }

    [Fact]
    public void OtherInvalidOptions()
    {
        Assert.Equal("UserAgent", Assert.Throws<ArgumentException>(() => new DmsClientOptions { UserAgent = "a\r\nX-Injected: 1" }.Validate()).ParamName);
        Assert.Throws<ArgumentException>(() => new DmsClientOptions { Endpoint = new Uri("ftp://x") }.Validate());
        Assert.Throws<ArgumentException>(() => new DmsClientOptions { AttemptTimeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentException>(() => new DmsClientOptions { Retry = { MaxAttempts = 0 } }.Validate());
    }

    [Fact]
    public async Task TheUserAgentIsSentAndAGivenLoggerIsUsed()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var unused = new CapturingLoggerProvider();
        using var unusedFactory = LoggerFactory.Create(b => b.AddProvider(unused));
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.UserAgent = "my-app/1.2";
            o.Logger = factory.CreateLogger("mine");
            o.LoggerFactory = unusedFactory;
        });

        await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal("my-app/1.2", Assert.Single(server.Received).Headers.UserAgent.ToString());
        var line = Assert.Single(logs.Lines);
        Assert.Contains("GetDataTrackJobDegree attempt 1: HTTP 200, RequestId req-ok", line);
        Assert.Empty(unused.Lines);
    }

    [Fact]
    public async Task ATlsFailureIsNotRetried()
    {
        // An https client against the plain-HTTP loopback server: the handshake fails every time.
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var client = TestClients.Create(new UriBuilder(server.Endpoint) { Scheme = "https" }.Uri, o => o.LoggerFactory = factory);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal("TransportError", exception.Code);
        Assert.Null(exception.StatusCode);
        Assert.Single(logs.Lines, l => l.Contains("no response"));
        Assert.Equal(1, exception.Attempts);
    }
}
