using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Dms.Codegen.Credentials;
using Dms.Codegen.Http;
using Dms.Codegen.Signing;
using Dms.Codegen.Runtime.Benchmarks.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>Signing per attempt (V3, V1), and a full generated-client call against a bare HttpClient floor on loopback.</summary>
[MemoryDiagnoser]
public class RuntimeBenchmarks
{
    private const string Body = """{"RequestId":"C51420E3-144A-4A94-B473-8662FCF4AD10","Success":true,"ErrorMessage":"UnknownError","ErrorCode":"UnknownError","JobDegree":{"ListCompletionDegree":1,"DownloadCompletionDegree":1,"FilterCompletionDegree":1,"JobStatus":"FILTER_SUCCESS","StatusDesc":"searching success"}}""";

    private static readonly DmsCredential Credential = new("testid", "testsecret");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private WebApplication _server = null!;
    private DmsClient _client = null!;
    private HttpClient _bare = null!;
    private DmsRequest _wire = null!;
    private Uri _endpoint = null!;
    private HttpRequestMessage _template = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Run(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(Body);
        });
        await _server.StartAsync();
        _endpoint = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _client = new DmsClient(new DmsClientOptions { Endpoint = _endpoint, Credentials = DmsCredentials.AccessKey("testid", "testsecret") });
        _bare = new HttpClient();
        _wire = ((IDmsOperationRequest)new GetDataExportOrderDetailRequest { OrderId = 123456, Tid = -1 }).BuildRequest();
        _template = DmsHttpRequestFactory.Create(((IDmsOperationRequest)Request()).BuildRequest(), _endpoint, Credential, DmsSignatureVersion.V3, Now, "3156853299f313e23d1673dc12e1703d", "bench");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        _bare.Dispose();
        await _server.StopAsync();
    }

    private static readonly KeyValuePair<string, string>[] V3Headers =
    {
        new("host", "dms-enterprise.aliyuncs.com"),
        new("x-acs-action", "GetDataExportOrderDetail"),
        new("x-acs-version", "2018-11-01"),
        new("x-acs-date", "2026-11-24T10:00:00Z"),
        new("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
        new("x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        new("content-type", "application/x-www-form-urlencoded"),
    };

    private static readonly KeyValuePair<string, string>[] V1Parameters =
    {
        new("Action", "GetDataExportOrderDetail"), new("Version", "2018-11-01"), new("Format", "JSON"),
        new("AccessKeyId", "testid"), new("SignatureMethod", "HMAC-SHA1"), new("SignatureVersion", "1.0"),
        new("SignatureNonce", "3156853299f313e23d1673dc12e1703d"), new("Timestamp", "2026-11-24T10:00:00Z"),
        new("Tid", "-1"), new("OrderId", "123456"),
    };

    [Benchmark(Description = "V3 signer only (canonical request, string to sign, HMAC)")]
    public string SignerV3()
    {
        var canonical = Acs3Signer.CanonicalRequest("POST", "/", new[] { new KeyValuePair<string, string>("Tid", "-1") }, V3Headers, Acs3Signer.EmptyBodyHash, out _);
        return Acs3Signer.Signature("testsecret", Acs3Signer.StringToSign(canonical));
    }

    [Benchmark(Description = "V1 signer only (sorted query, string to sign, HMAC)")]
    public string SignerV1() => RpcV1Signer.Signature("testsecret", RpcV1Signer.StringToSign("POST", V1Parameters));

    [Benchmark(Description = "sign V3 (one attempt's request)")]
    public HttpRequestMessage SignV3() => DmsHttpRequestFactory.Create(_wire, _endpoint, Credential, DmsSignatureVersion.V3, Now, "3156853299f313e23d1673dc12e1703d", "bench");

    [Benchmark(Description = "sign V1 (one attempt's request)")]
    public HttpRequestMessage SignV1() => DmsHttpRequestFactory.Create(_wire, _endpoint, Credential, DmsSignatureVersion.V1, Now, "3156853299f313e23d1673dc12e1703d", "bench");

    [Benchmark(Description = "generated client call, loopback")]
    public Task<GetDataTrackJobDegreeResponse> ClientCall() => _client.GetDataTrackJobDegreeAsync(Request());

    [Benchmark(Baseline = true, Description = "bare HttpClient, pre-built request (floor)")]
    public async Task<byte[]> BareHttpClient()
    {
        // An identical request whose URI and headers were computed once; only the message object is new.
        using var message = new HttpRequestMessage(HttpMethod.Post, _template.RequestUri);
        foreach (var header in _template.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var response = await _bare.SendAsync(message);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static GetDataTrackJobDegreeRequest Request() => new() { OrderId = 42, Tid = 7 };
}
