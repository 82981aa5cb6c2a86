using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Dms.Codegen.Signing;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>The generated client and the runtime against a real HTTP server on 127.0.0.1.</summary>
public class PipelineTests
{
    [Fact]
    public async Task SendsAV3RequestTheServerCanVerify()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var client = TestClients.Create(server.Endpoint);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal(DataTrackJobStatus.FilterSuccess, response.JobDegree!.JobStatus);
        var received = Assert.Single(server.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/?OrderId=42&Tid=7", received.PathAndQuery);
        Assert.Equal("GetDataTrackJobDegree", received.Headers["x-acs-action"]);
        Assert.Equal("2018-11-01", received.Headers["x-acs-version"]);
        AssertV3SignatureValid(received, "/?OrderId=42&Tid=7");
    }

    [Fact]
    public async Task FormParametersGoInTheBodyAndAreCoveredByTheSignature()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, """{"RequestId":"r","Success":true}"""));
        using var client = TestClients.Create(server.Endpoint);

        await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 123456, Tid = -1 });

        var received = Assert.Single(server.Received);
        Assert.Equal("OrderId=123456", received.Body);
        Assert.Equal("application/x-www-form-urlencoded", received.Headers.ContentType.ToString());
        Assert.Equal(Acs3Signer.HashPayload("OrderId=123456"u8), received.Headers["x-acs-content-sha256"]);
        AssertV3SignatureValid(received, "/?Tid=-1");
    }

    [Fact]
    public async Task V1PutsTheSignatureInTheQueryOverQueryAndBody()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, """{"RequestId":"r","Success":true}"""));
        using var client = TestClients.Create(server.Endpoint, o => o.SignatureVersion = DmsSignatureVersion.V1);

        await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 123456, Tid = -1 });

        var received = Assert.Single(server.Received);
        var query = QueryHelpers(received.PathAndQuery);
        Assert.Equal("HMAC-SHA1", query["SignatureMethod"]);
        Assert.Equal("GetDataExportOrderDetail", query["Action"]);
        var signed = query.Where(p => p.Key != "Signature").Append(new KeyValuePair<string, string>("OrderId", "123456"));
        Assert.Equal(RpcV1Signer.Signature(TestClients.Secret, RpcV1Signer.StringToSign("POST", signed)), query["Signature"]);
    }

    [Fact]
    public async Task EveryAttemptIsSignedAfresh()
    {
        await using var server = await LoopbackServer.StartAsync((c, n) => n == 1 ? LoopbackServer.Json(c, """{"Code":"ServiceUnavailable","Message":"busy"}""", 503) : LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var client = TestClients.Create(server.Endpoint);

        await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        var attempts = server.Received.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.NotEqual(attempts[0].Headers["x-acs-signature-nonce"].ToString(), attempts[1].Headers["x-acs-signature-nonce"].ToString());
        Assert.NotEqual(attempts[0].Headers.Authorization.ToString(), attempts[1].Headers.Authorization.ToString());
        Assert.All(attempts, a => AssertV3SignatureValid(a, "/?OrderId=42&Tid=7"));
    }

    [Fact]
    public async Task RetriesADroppedConnection()
    {
        await using var server = await LoopbackServer.StartAsync((c, n) =>
        {
            if (n == 1)
            {
                c.Abort();
                return Task.CompletedTask;
            }

            return LoopbackServer.Json(c, LoopbackServer.DegreeBody);
        });
        using var client = TestClients.Create(server.Endpoint);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal("req-ok", response.RequestId);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task DoesNotRetryInvalidParameterAndSurfacesEverything()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, """{"RequestId":"E1","HostId":"dms-enterprise.aliyuncs.com","Code":"InvalidParameter","Message":"The OrderId is invalid.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidParameter"}""", 400));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(1, server.RequestCount);
        Assert.Equal("InvalidParameter", exception.Code);
        Assert.Equal("E1", exception.RequestId);
        Assert.Equal("dms-enterprise.aliyuncs.com", exception.HostId);
        Assert.Equal("The OrderId is invalid.", exception.ServiceMessage);
        Assert.StartsWith("https://api.aliyun.com/troubleshoot", exception.Recommend);
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Contains("InvalidParameter", exception.Message);
        Assert.Contains("E1", exception.Message);
        Assert.Contains("\"Code\":\"InvalidParameter\"", exception.RawBody);
        Assert.Equal(1, exception.Attempts);
    }

    [Fact]
    public async Task GivesUpAfterMaxAttempts()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, """{"Code":"InternalError","Message":"oops","RequestId":"x"}""", 500));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(3, server.RequestCount);
        Assert.Equal(3, exception.Attempts);
        Assert.Equal("InternalError", exception.Code);
    }

    [Fact]
    public async Task SuccessFalseInA200BodyIsAnError()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, """{"RequestId":"S1","Success":false,"ErrorCode":"UnknownError","ErrorMessage":"User can not access to Tenant [123445]"}"""));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal("UnknownError", exception.Code);
        Assert.Equal("S1", exception.RequestId);
        Assert.Equal("User can not access to Tenant [123445]", exception.ServiceMessage);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData(200, "<html>gateway</html>")]
    [InlineData(200, "")]
    [InlineData(200, "{\"RequestId\":\"r\",\"JobDegree\":[1,2]}")]
    [InlineData(400, "Bad Request")]
    public async Task BodiesThatCannotBeReadGiveADmsExceptionWithStatusAndBody(int status, string body)
    {
        await using var server = await LoopbackServer.StartAsync(async (c, _) =>
        {
            c.Response.StatusCode = status;
            await c.Response.WriteAsync(body);
        });
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Contains(body.Length == 0 ? "(empty)" : body[..Math.Min(body.Length, 10)], exception.Message);
        Assert.NotNull(exception.RawBody);
    }

    [Fact]
    public async Task BadArgumentsThrowBeforeAnythingIsSent()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var client = TestClients.Create(server.Endpoint);

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetDataTrackJobDegreeAsync(null!));
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task OneClientServes64ConcurrentCalls()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var client = TestClients.Create(server.Endpoint);

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = i })));

        Assert.All(responses, r => Assert.Equal(DataTrackJobStatus.FilterSuccess, r.JobDegree!.JobStatus));
        Assert.Equal(64, server.RequestCount);
        Assert.Equal(64, server.Received.Select(r => r.Headers["x-acs-signature-nonce"].ToString()).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"/?OrderId={i}"), server.Received.Select(r => r.PathAndQuery).OrderBy(p => int.Parse(p[("/?OrderId=".Length)..])));
    }

    [Fact]
    public async Task UsesTheCallersHttpClientWithoutDisposingIt()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var http = new System.Net.Http.HttpClient();
        var options = new DmsClientOptions { Endpoint = server.Endpoint, Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret) };

        using (var client = new DmsClient(options, http))
        {
            await client.GetDataTrackJobDegreeAsync(TestClients.Degree());
        }

        // Still usable after the DMS client is disposed.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server.Endpoint)).StatusCode);
    }

    /// <summary>Recomputes the V3 signature from what the server received, as DMS would.</summary>
    private static void AssertV3SignatureValid(ReceivedRequest received, string pathAndQuery)
    {
        var authorization = received.Headers.Authorization.ToString();
        Assert.StartsWith("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=", authorization);
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        Assert.Contains("host", signedHeaders);
        Assert.Contains("x-acs-content-sha256", signedHeaders);
        var headers = signedHeaders.Select(h => new KeyValuePair<string, string>(h, h == "host" ? received.Host : received.Headers[h].ToString()));
        var query = QueryHelpers(pathAndQuery).ToList();
        var canonical = Acs3Signer.CanonicalRequest(received.Method, "/", query, headers, Acs3Signer.HashPayload(System.Text.Encoding.UTF8.GetBytes(received.Body)), out _);
        var expected = Acs3Signer.Signature(TestClients.Secret, Acs3Signer.StringToSign(canonical));
        Assert.EndsWith("Signature=" + expected, authorization);
    }

    private static Dictionary<string, string> QueryHelpers(string pathAndQuery) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + pathAndQuery).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
