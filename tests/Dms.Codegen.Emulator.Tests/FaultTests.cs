using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Faults;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>Each fault at the wire level: by header for one request, by code or admin endpoint for the next N of a key.</summary>
public class FaultTests
{
    private static RawRequest Track() => new("GetDataTrackJobDegree", ("OrderId", Emulators.TrackId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("throttle", HttpStatusCode.BadRequest)]
    [InlineData("throttle=429", HttpStatusCode.TooManyRequests)]
    public async Task ThrottlingAnswersThrottlingUserWithRetryAfter(string word, HttpStatusCode status)
    {
        await using var emulator = await DmsEmulator.StartAsync(new DmsEmulatorOptions { ThrottleRetryAfterMilliseconds = 1500 });
        using var http = new HttpClient();

        var answer = (await RawAnswer.SendAsync(http, Track().WithFault(word).V3(emulator.Endpoint))).AssertError(status, "Throttling.User");

        Assert.Equal("1500", answer.Header("x-acs-retry-after"));
        Assert.Equal("2", answer.Header("Retry-After")); // whole seconds, rounded up
    }

    [Theory]
    [InlineData("5xx", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData("503", HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData("500", HttpStatusCode.InternalServerError, "InternalError")]
    public async Task ServerErrorsHaveAlibabasShape(string word, HttpStatusCode status, string code)
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        (await RawAnswer.SendAsync(http, Track().WithFault(word).V1(emulator.Endpoint))).AssertError(status, code);
    }

    [Fact]
    public async Task LatencyDelaysANormalAnswer()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();

        var answer = await RawAnswer.SendAsync(http, Track().WithFault("latency=200").V3(emulator.Endpoint));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(clock.ElapsedMilliseconds >= 190, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task DropClosesTheConnectionWithoutAnAnswer()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(Track().WithFault("drop").V3(emulator.Endpoint)));
        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).Status);
    }

    [Fact]
    public async Task MalformedIsAnOkStatusWithJsonThatDoesNotParse()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var answer = await RawAnswer.SendAsync(http, Track().WithFault("malformed").V3(emulator.Endpoint));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(answer.Body));
    }

    [Fact]
    public async Task UnknownEnumSendsAnUndocumentedJobStatusForBothOperations()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var export = new RawRequest("GetDataExportOrderDetail").WithForm("OrderId", Emulators.ExportId.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithFault("unknown-enum");

        var track = await RawAnswer.SendAsync(http, Track().WithFault("latency=1, unknown-enum").V3(emulator.Endpoint));
        var detail = await RawAnswer.SendAsync(http, export.V1(emulator.Endpoint));

        Assert.Equal("ARCHIVED_BY_EMULATOR", track.Json.GetProperty("JobDegree").GetProperty("JobStatus").GetString());
        Assert.Equal("ARCHIVED_BY_EMULATOR", detail.Json.GetProperty("DataExportOrderDetail").GetProperty("KeyInfo").GetProperty("JobStatus").GetString());
    }

    [Fact]
    public async Task AnUnknownFaultWordIsRejectedRatherThanIgnored()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var answer = (await RawAnswer.SendAsync(http, Track().WithFault("throttle,thrtole").V3(emulator.Endpoint))).AssertError(HttpStatusCode.BadRequest, "InvalidParameter.EmulatorFault");

        Assert.Contains("thrtole", answer.Message);
    }

    [Fact]
    public async Task FaultsComeAfterTheSignatureCheck()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var unsigned = Track().WithFault("5xx");
        unsigned.Secret = "wrong";

        (await RawAnswer.SendAsync(http, unsigned.V3(emulator.Endpoint))).AssertError(HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task AdminEndpointQueuesFaultsForTheNextCallsOfOneKeyOnly()
    {
        var options = new DmsEmulatorOptions();
        options.AccessKeys["first"] = "one";
        options.AccessKeys["second"] = "two";
        await using var emulator = await DmsEmulator.StartAsync(options);
        using var http = new HttpClient();
        RawRequest As(string key, string secret)
        {
            var request = Track();
            (request.KeyId, request.Secret) = (key, secret);
            return request;
        }

        var queued = await http.PostAsync(new Uri(emulator.Endpoint, "/_emulator/faults"), Json("""{"accessKeyId":"first","fault":"5xx","count":2}"""));
        Assert.Equal(HttpStatusCode.NoContent, queued.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, As("second", "two").V3(emulator.Endpoint))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await RawAnswer.SendAsync(http, As("first", "one").V3(emulator.Endpoint))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await RawAnswer.SendAsync(http, As("first", "one").V1(emulator.Endpoint))).Status);
        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, As("first", "one").V3(emulator.Endpoint))).Status);
    }

    [Fact]
    public async Task AdminEndpointClearsFaultsAndRejectsNonsense()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Drop), count: 10);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(new Uri(emulator.Endpoint, "/_emulator/faults"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).Status);

        foreach (var body in new[] { "not json", "[1,2]", "null", """{"fault":"explode"}""", """{"fault":"5xx","count":0}""", """{"fault":"5xx","count":"2"}""", """{"fault":"5xx","count":100000000000}""", """{"fault":5}""" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(new Uri(emulator.Endpoint, "/_emulator/faults"), Json(body))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(emulator.Endpoint, "/_emulator/nothing"))).StatusCode);
        Assert.Equal("ok", await http.GetStringAsync(new Uri(emulator.Endpoint, "/_emulator/health")));
    }

    [Fact]
    public async Task AHugeCountCostsNothingAndQueuedFaultsApplyInOrder()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.InternalError), count: 1);
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.ServerError), count: int.MaxValue);

        Assert.Equal(HttpStatusCode.InternalServerError, (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Faults.Enqueue("testid", new EmulatorFault(EmulatorFaultKind.Drop), count: 0));
    }

    [Fact]
    public void FaultWordsParse()
    {
        Assert.True(EmulatorFault.TryParse(" latency=250 ", out var latency));
        Assert.Equal(new EmulatorFault(EmulatorFaultKind.Latency, TimeSpan.FromMilliseconds(250)), latency);
        Assert.True(EmulatorFault.TryParse("THROTTLE=429", out var throttle));
        Assert.Equal(429, throttle.Status);
        foreach (var bad in new[] { "latency=-1", "latency=", "throttle=200", "throttle=x", "6xx", "" })
        {
            Assert.False(EmulatorFault.TryParse(bad, out _), bad);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
