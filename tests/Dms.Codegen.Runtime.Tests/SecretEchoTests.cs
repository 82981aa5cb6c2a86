using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.DependencyInjection;
using Dms.Codegen.Runtime.Tests.Api;
using Dms.Codegen.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// Alibaba's gateway answers SignatureDoesNotMatch with "server string to sign is: ...", which contains the STS
/// token (percent-encoded once or twice). Neither that nor HttpClientFactory's own logging may leak it.
/// </summary>
public class SecretEchoTests
{
    // Characters that percent-encoding changes, so the raw, encoded and double-encoded forms all differ.
    public const string SpecialToken = "CAIS+Sts/Token=Never Shown==";

    public static TheoryData<DmsSignatureVersion, string> Cases() => new()
    {
        { DmsSignatureVersion.V1, TestClients.Token },
        { DmsSignatureVersion.V1, SpecialToken },
        { DmsSignatureVersion.V3, TestClients.Token },
        { DmsSignatureVersion.V3, SpecialToken },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AServerEchoOfTheStringToSignIsRedactedFromTheException(DmsSignatureVersion version, string token)
    {
        var signatures = new List<string>();
        await using var server = await LoopbackServer.StartAsync(async (c, _) =>
        {
            var query = QueryHelpers.ParseQuery(c.Request.QueryString.Value).Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())).ToList();
            signatures.Add(query.FirstOrDefault(p => p.Key == "Signature").Value ?? c.Request.Headers.Authorization.ToString().Split("Signature=").Last());
            string echo = version == DmsSignatureVersion.V1
                ? RpcV1Signer.StringToSign("POST", query.Where(p => p.Key != "Signature"))
                : "x-acs-security-token:" + c.Request.Headers["x-acs-security-token"] + "\nx-acs-signature-nonce:" + c.Request.Headers["x-acs-signature-nonce"];
            var body = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["Recommend"] = "https://error-center.aliyun.com/status/search?Keyword=SignatureDoesNotMatch&source=PopGw",
                ["Message"] = "Specified signature is not matched with our calculation. server string to sign is:" + echo,
                ["RequestId"] = "R1",
                ["HostId"] = "dms-enterprise.aliyuncs.com",
                ["Code"] = "SignatureDoesNotMatch",
            });
            await LoopbackServer.Json(c, body, 400);
        });
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.SignatureVersion = version;
            o.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, token);
            o.LoggerFactory = factory;
        });

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 1, Tid = -1 }));

        Assert.Equal("SignatureDoesNotMatch", exception.Code);
        Assert.Equal("R1", exception.RequestId);
        Assert.Contains("server string to sign is:", exception.ServiceMessage);
        var text = string.Join("\n", exception.ToString(), exception.Message, exception.ServiceMessage, exception.RawBody, string.Join("\n", logs.Lines));
        AssertNoForm(text, token);
        AssertNoForm(text, TestClients.Secret);
        Assert.All(signatures, s => AssertNoForm(text, s));
    }

    [Fact]
    public async Task HttpClientFactoryLoggingShowsNoSignatureOrToken()
    {
        var signatures = new List<string>();
        await using var server = await LoopbackServer.StartAsync((c, _) =>
        {
            signatures.Add(QueryHelpers.ParseQuery(c.Request.QueryString.Value)["Signature"].ToString());
            return LoopbackServer.Json(c, LoopbackServer.DegreeBody);
        });
        // Recreate Microsoft.Extensions.Http 8.x defaults, which a net8.0 app on the package gets: full URIs in
        // the request log and every header value at Trace (the ASP.NET Core 10 framework here redacts both).
        AppContext.SetSwitch("System.Net.Http.DisableUriRedaction", true);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddDmsClient<DmsClient, DmsClient>(
            Microsoft.Extensions.Options.Options.DefaultName,
            o =>
            {
                o.Endpoint = server.Endpoint;
                o.SignatureVersion = DmsSignatureVersion.V1; // signature and token travel in the query
                o.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, SpecialToken);
            },
            (o, factory, name) => new DmsClient(o, factory, name))
            .RedactLoggedHeaders(_ => false);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<DmsClient>().GetDataTrackJobDegreeAsync(TestClients.Degree());

        var text = string.Join("\n", logs.Lines);
        Assert.Contains("GetDataTrackJobDegree", text); // the runtime's own attempt line is there
        AssertNoForm(text, SpecialToken);
        AssertNoForm(text, Assert.Single(signatures));
    }

    /// <summary>Neither the value, nor its percent-encoded, nor its doubly percent-encoded form.</summary>
    private static void AssertNoForm(string text, string value)
    {
        Assert.DoesNotContain(value, text);
        Assert.DoesNotContain(PercentEncoder.Encode(value), text);
        Assert.DoesNotContain(PercentEncoder.Encode(PercentEncoder.Encode(value)), text);
    }
}
