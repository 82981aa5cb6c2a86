using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.EndToEnd;
using Dms.Codegen.Http;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>Every signature failure: the emulator rejects it with Alibaba's code, and the client surfaces it.</summary>
public class SignatureRejectionTests
{
    private static readonly GetDataTrackJobDegreeRequest Request = new() { OrderId = Emulators.TrackId, Tid = 7 };

    [Fact]
    public async Task ATamperedParameterDoesNotMatchAndTheMessageHasTheServersStringToSign()
    {
        await using var emulator = await Emulators.StartAsync();
        var tamper = new TamperingHandler(m =>
        {
            m.RequestUri = new Uri(m.RequestUri!.ToString().Replace($"OrderId={Emulators.TrackId}", "OrderId=43", StringComparison.Ordinal));
            return m;
        });
        using var client = Emulators.Client(emulator, handler: tamper);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(Request));

        Assert.Equal("SignatureDoesNotMatch", exception.Code);
        Assert.Contains("server string to sign is:ACS3-HMAC-SHA256", exception.Message);
        Assert.NotNull(exception.RequestId);
        Assert.Equal(1, exception.Attempts);
    }

    [Theory]
    [InlineData(DmsSignatureVersion.V3)]
    [InlineData(DmsSignatureVersion.V1)]
    public async Task AWrongSecretDoesNotMatch(DmsSignatureVersion version)
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator, o =>
        {
            o.SignatureVersion = version;
            o.Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, "not-the-secret");
        });

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(Request));

        Assert.Equal("SignatureDoesNotMatch", exception.Code);
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.DoesNotContain("not-the-secret", exception.ToString());
    }

    [Fact]
    public async Task AnUnknownAccessKeyIsNotFound()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator, o => o.Credentials = DmsCredentials.AccessKey("nobody", "x"));

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(Request));

        Assert.Equal("InvalidAccessKeyId.NotFound", exception.Code);
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Fact]
    public async Task AReplayedNonceIsRejected()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator, handler: new ReplayHandler());

        await client.GetDataTrackJobDegreeAsync(Request);
        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(Request));

        Assert.Equal("SignatureNonceUsed", exception.Code);
    }

    [Fact]
    public async Task ReplayProtectionCanBeSwitchedOff()
    {
        await using var emulator = await Emulators.StartAsync(o => o.ReplayProtection = false);
        using var client = Emulators.Client(emulator, handler: new ReplayHandler());

        await client.GetDataTrackJobDegreeAsync(Request);
        Assert.NotNull((await client.GetDataTrackJobDegreeAsync(Request)).RequestId);
    }

    [Theory]
    [InlineData(DmsSignatureVersion.V3)]
    [InlineData(DmsSignatureVersion.V1)]
    public async Task AnExpiredTimestampIsRejected(DmsSignatureVersion version)
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator, o =>
        {
            o.SignatureVersion = version;
            o.TimeProvider = new ShiftedClock(TimeSpan.FromMinutes(-16));
        });

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(Request));

        Assert.Equal("InvalidTimeStamp.Expired", exception.Code);
    }

    [Fact]
    public async Task AMissingSignatureIsIncomplete()
    {
        await using var emulator = await Emulators.StartAsync();
        var strip = new TamperingHandler(m =>
        {
            m.Headers.Authorization = null;
            return m;
        });
        using var client = Emulators.Client(emulator, handler: strip);

        Assert.Equal("IncompleteSignature", (await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(Request))).Code);
    }

    [Fact]
    public async Task ATamperedBodyFailsTheContentHash()
    {
        await using var emulator = await Emulators.StartAsync();
        var tamper = new TamperingHandler(m =>
        {
            m.Content = new StringContent("OrderId=999", System.Text.Encoding.UTF8);
            m.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return m;
        });
        using var client = Emulators.Client(emulator, handler: tamper);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = Emulators.ExportId }));

        Assert.Equal("SignatureDoesNotMatch", exception.Code);
    }

    [Fact]
    public async Task MissingAndInvalidParametersAreCheckedAgainstTheSpec()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var credential = new DmsCredential(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret);

        async Task<string> Send(DmsRequest request)
        {
            using var message = DmsHttpRequestFactory.Create(request, emulator.Endpoint, credential, DmsSignatureVersion.V3, DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), null);
            using var response = await http.SendAsync(message);
            return await response.Content.ReadAsStringAsync();
        }

        var missing = new DmsRequest("GetDataTrackJobDegree", "2018-11-01", HttpMethod.Post);
        Assert.Contains("\"Code\":\"MissingParameter\"", await Send(missing));
        Assert.Contains("parameter \\\"OrderId\\\"", await Send(missing)); // the message names it, JSON-escaped

        var invalid = new DmsRequest("GetDataTrackJobDegree", "2018-11-01", HttpMethod.Post);
        invalid.Add(DmsParameterLocation.Query, "OrderId", "forty-two");
        Assert.Contains("\"Code\":\"InvalidParameter\"", await Send(invalid));

        var unknown = new DmsRequest("DropAllDatabases", "2018-11-01", HttpMethod.Post);
        Assert.Contains("\"Code\":\"InvalidAction.NotFound\"", await Send(unknown));

        var version = new DmsRequest("GetDataTrackJobDegree", "2099-01-01", HttpMethod.Post);
        version.Add(DmsParameterLocation.Query, "OrderId", "1");
        Assert.Contains("\"Code\":\"InvalidVersion\"", await Send(version));
    }

    [Fact]
    public async Task TheFaultHeaderWorksPerRequest()
    {
        await using var emulator = await Emulators.StartAsync();
        var withHeader = new TamperingHandler(m =>
        {
            m.Headers.TryAddWithoutValidation(DmsEmulator.FaultHeader, "latency=10,unknown-enum");
            return m;
        });
        using var client = Emulators.Client(emulator, handler: withHeader);

        var status = (await client.GetDataTrackJobDegreeAsync(Request)).JobDegree!.JobStatus!.Value;

        Assert.False(status.IsKnown);
    }

    private sealed class ShiftedClock : TimeProvider
    {
        private readonly TimeSpan _shift;

        public ShiftedClock(TimeSpan shift) => _shift = shift;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}
