using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>
/// The emulator's gateway checks at the wire level: bare HttpClient, requests signed by hand with the runtime's
/// signing functions, errors asserted in Alibaba's shape.
/// </summary>
public class ProtocolTests
{
    private static RawRequest Track(long orderId = Emulators.TrackId) => new("GetDataTrackJobDegree", ("OrderId", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Tid", "7"));

    private static RawRequest Export(long orderId = Emulators.ExportId) => new RawRequest("GetDataExportOrderDetail", ("Tid", "-1")).WithForm("OrderId", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task V3AndV1SignedByHandAreAcceptedWithQueryAndFormParameters()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        foreach (var request in new[] { Export().V3(emulator.Endpoint), Export().V1(emulator.Endpoint), Track().V3(emulator.Endpoint), Track().V1(emulator.Endpoint) })
        {
            var answer = await RawAnswer.SendAsync(http, request);
            Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
            Assert.True(answer.Json.GetProperty("Success").GetBoolean());
            Assert.Equal(answer.Header("x-acs-request-id"), answer.Json.GetProperty("RequestId").GetString());
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(answer.Body), answer.Response.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task AV1RequestWithEverythingInTheFormBodyIsAccepted()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var answer = await RawAnswer.SendAsync(http, Export().V1AllInBody(emulator.Endpoint));

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        Assert.Equal("PRE_CHECKING", answer.Json.GetProperty("DataExportOrderDetail").GetProperty("KeyInfo").GetProperty("JobStatus").GetString());
    }

    [Fact]
    public async Task AV1TamperedParameterDoesNotMatchAndTheMessageHasTheServersStringToSign()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var request = Track(42).V1(emulator.Endpoint, query => Replace(query, "OrderId", "43"));
        var answer = (await RawAnswer.SendAsync(http, request)).AssertError(HttpStatusCode.BadRequest, "SignatureDoesNotMatch");

        Assert.Contains("server string to sign is:POST&%2F&AccessKeyId%3Dtestid%26", answer.Message);
        Assert.Contains("OrderId%3D43", answer.Message);
    }

    [Fact]
    public async Task AV3TamperedQueryOrHeaderDoesNotMatch()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var query = Track(42).V3(emulator.Endpoint, m => m.RequestUri = new Uri(m.RequestUri!.ToString().Replace("OrderId=42", "OrderId=43", StringComparison.Ordinal)));
        var header = Track(42).V3(emulator.Endpoint, m =>
        {
            m.Headers.Remove("x-acs-version");
            m.Headers.TryAddWithoutValidation("x-acs-version", "2018-11-02");
        });

        var answer = (await RawAnswer.SendAsync(http, query)).AssertError(HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
        Assert.StartsWith("Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n", answer.Message);
        (await RawAnswer.SendAsync(http, header)).AssertError(HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWrongSecretAndAnUnknownKeyAreRejected(bool v3)
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        HttpRequestMessage Build(RawRequest r) => v3 ? r.V3(emulator.Endpoint) : r.V1(emulator.Endpoint);

        var wrongSecret = Track();
        wrongSecret.Secret = "not-the-secret";
        var unknownKey = Track();
        unknownKey.KeyId = "nobody";

        var answer = (await RawAnswer.SendAsync(http, Build(wrongSecret))).AssertError(HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
        Assert.DoesNotContain("secret", answer.Body, StringComparison.OrdinalIgnoreCase);
        (await RawAnswer.SendAsync(http, Build(unknownKey))).AssertError(HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound");
    }

    [Fact]
    public async Task ConfiguredKeysReplaceTheDefaultPair()
    {
        var options = new DmsEmulatorOptions();
        options.AccessKeys["LTAIemulator"] = "s3cr3t";
        await using var emulator = await DmsEmulator.StartAsync(options);
        using var http = new HttpClient();
        var mine = Track();
        (mine.KeyId, mine.Secret) = ("LTAIemulator", "s3cr3t");

        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, mine.V3(emulator.Endpoint))).Status);
        (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).AssertError(HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AReplayedNonceIsRejectedUnlessReplayProtectionIsOff(bool v3)
    {
        foreach (var protection in new[] { true, false })
        {
            await using var emulator = await DmsEmulator.StartAsync(new DmsEmulatorOptions { ReplayProtection = protection });
            using var http = new HttpClient();
            var request = Track();
            HttpRequestMessage Build() => v3 ? request.V3(emulator.Endpoint) : request.V1(emulator.Endpoint);

            Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, Build())).Status);
            var again = await RawAnswer.SendAsync(http, Build());
            if (protection)
            {
                again.AssertError(HttpStatusCode.BadRequest, "SignatureNonceUsed");
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, again.Status);
            }
        }
    }

    [Fact]
    public async Task UnderConcurrencyANonceIsAcceptedExactlyOnce()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var replayed = Track();
        var distinct = Enumerable.Range(0, 32).Select(i => Track(i + 1)).ToList();

        var replays = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => RawAnswer.SendAsync(http, replayed.V3(emulator.Endpoint))));
        var fresh = await Task.WhenAll(distinct.Select(r => RawAnswer.SendAsync(http, r.V3(emulator.Endpoint))));

        Assert.Equal(1, replays.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(replays.Where(a => a.Status != HttpStatusCode.OK), a => a.AssertError(HttpStatusCode.BadRequest, "SignatureNonceUsed"));
        Assert.All(fresh, a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }

    [Fact]
    public async Task ARejectedSignatureDoesNotUseUpItsNonce()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var request = Track();
        request.Secret = "wrong";
        (await RawAnswer.SendAsync(http, request.V3(emulator.Endpoint))).AssertError(HttpStatusCode.BadRequest, "SignatureDoesNotMatch");

        request.Secret = DmsEmulatorOptions.DefaultAccessKeySecret;
        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, request.V3(emulator.Endpoint))).Status);
    }

    [Theory]
    [InlineData(true, -16)]
    [InlineData(true, 16)]
    [InlineData(false, -16)]
    [InlineData(false, 16)]
    public async Task TimestampsMoreThanFifteenMinutesOffAreExpired(bool v3, int minutes)
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var request = Track();
        request.Time = DateTimeOffset.UtcNow.AddMinutes(minutes);
        var withinSkew = Track();
        withinSkew.Time = DateTimeOffset.UtcNow.AddMinutes(minutes > 0 ? 14 : -14);

        (await RawAnswer.SendAsync(http, v3 ? request.V3(emulator.Endpoint) : request.V1(emulator.Endpoint))).AssertError(HttpStatusCode.BadRequest, "InvalidTimeStamp.Expired");
        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, v3 ? withinSkew.V3(emulator.Endpoint) : withinSkew.V1(emulator.Endpoint))).Status);
    }

    [Fact]
    public async Task AnUnreadableTimestampIsAFormatError()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var request = Track().V1(emulator.Endpoint, query => Replace(query, "Timestamp", "yesterday"));

        (await RawAnswer.SendAsync(http, request)).AssertError(HttpStatusCode.BadRequest, "InvalidTimeStamp.Format");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("not-acs3")]
    [InlineData("no-signature")]
    [InlineData("twice")]
    [InlineData("nonce-unsigned")]
    [InlineData("nonce-missing")]
    [InlineData("accept-signed")]
    [InlineData("v1-no-nonce")]
    [InlineData("v1-sha256")]
    public async Task AnIncompleteSignatureIsRejected(string how)
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        void Authorization(HttpRequestMessage m, Func<string, string> change)
        {
            var value = m.Headers.GetValues("Authorization").Single();
            m.Headers.Remove("Authorization");
            m.Headers.TryAddWithoutValidation("Authorization", change(value));
        }

        var request = how switch
        {
            "none" => Track().V3(emulator.Endpoint, m => m.Headers.Remove("Authorization")),
            "not-acs3" => Track().V3(emulator.Endpoint, m => Authorization(m, v => v.Replace("ACS3-HMAC-SHA256", "HMAC-SHA256", StringComparison.Ordinal))),
            "no-signature" => Track().V3(emulator.Endpoint, m => Authorization(m, v => v[..v.IndexOf(",Signature=", StringComparison.Ordinal)])),
            "twice" => Track().V3(emulator.Endpoint, m => Authorization(m, v => v + ",Credential=other")),
            "nonce-unsigned" => Track().V3(emulator.Endpoint, m => Authorization(m, v => v.Replace("x-acs-signature-nonce;", string.Empty, StringComparison.Ordinal))),
            "nonce-missing" => Track().V3(emulator.Endpoint, m => m.Headers.Remove("x-acs-signature-nonce")),
            "accept-signed" => Track().V3(emulator.Endpoint, m => Authorization(m, v => v.Replace("SignedHeaders=", "SignedHeaders=accept;", StringComparison.Ordinal))),
            "v1-no-nonce" => Track().V1(emulator.Endpoint, query => query.RemoveAll(p => p.Key == "SignatureNonce")),
            _ => Track().V1(emulator.Endpoint, query => Replace(query, "SignatureMethod", "HMAC-SHA256")),
        };

        (await RawAnswer.SendAsync(http, request)).AssertError(HttpStatusCode.BadRequest, "IncompleteSignature");
    }

    [Fact]
    public async Task ABodyThatIsNotTheHashedOneDoesNotMatch()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();

        var request = Export(1).V3(emulator.Endpoint, m =>
        {
            m.Content = new ByteArrayContent("OrderId=2"u8.ToArray());
            m.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        });

        (await RawAnswer.SendAsync(http, request)).AssertError(HttpStatusCode.BadRequest, "SignatureDoesNotMatch");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARequiredParameterMissingFromQueryOrFormIsNamed(bool v3)
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var noForm = new RawRequest("GetDataExportOrderDetail", ("Tid", "-1"));
        var noQuery = new RawRequest("GetDataTrackJobDegree", ("Tid", "-1"));

        foreach (var request in new[] { noForm, noQuery })
        {
            var answer = (await RawAnswer.SendAsync(http, v3 ? request.V3(emulator.Endpoint) : request.V1(emulator.Endpoint))).AssertError(HttpStatusCode.BadRequest, "MissingParameter");
            Assert.Contains("\"OrderId\"", answer.Message);
        }
    }

    [Theory]
    [InlineData("OrderId", "forty-two")]
    [InlineData("OrderId", "1.5")]
    [InlineData("OrderId", "99999999999999999999")]
    [InlineData("Tid", "")]
    [InlineData("OrderId", " 42")] // .NET would read these three as 42; DMS does not
    [InlineData("OrderId", "42 ")]
    [InlineData("OrderId", "42\0")]
    public async Task AValueThatIsNotItsKindIsInvalid(string name, string value)
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var request = Track();
        Replace(request.Query, name, value);

        var answer = (await RawAnswer.SendAsync(http, request.V3(emulator.Endpoint))).AssertError(HttpStatusCode.BadRequest, "InvalidParameter");

        Assert.Contains($"\"{name}\"", answer.Message);
    }

    [Fact]
    public async Task AnUnknownActionOrVersionIsRejected()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var version = Track();
        version.Version = "2099-01-01";

        var unknown = (await RawAnswer.SendAsync(http, new RawRequest("DropAllDatabases").V1(emulator.Endpoint))).AssertError(HttpStatusCode.NotFound, "InvalidAction.NotFound");
        Assert.Contains("DropAllDatabases", unknown.Message);
        (await RawAnswer.SendAsync(http, version.V3(emulator.Endpoint))).AssertError(HttpStatusCode.BadRequest, "InvalidVersion");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ValuesArePercentDecodedBeforeTheyAreVerified(bool v3)
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var request = Track();
        Replace(request.Query, "Tid", "+7"); // travels as %2B; a server that decoded '+' as a space would reject it
        request.Query.Add(new("Note", "a b*c~ü/&=")); // not in the spec: ignored, as DMS does, but signed
        request.WithForm("Remark", "x+y z");

        var answer = await RawAnswer.SendAsync(http, v3 ? request.V3(emulator.Endpoint) : request.V1(emulator.Endpoint));

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }

    internal static void Replace(List<KeyValuePair<string, string>> pairs, string name, string value)
    {
        var index = pairs.FindIndex(p => p.Key == name);
        pairs[index] = new KeyValuePair<string, string>(name, value);
    }
}
