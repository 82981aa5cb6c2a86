using System.Net;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// Every value kind of a generated model given a token of the wrong type, odd numbers and odd member names:
/// each is read, or is an InvalidResponse naming what was expected, never a framework exception.
/// </summary>
public class HostileJsonValueTests
{
    /// <summary>A member, the JSON text sent for it, and the words the error names (null: the value is read).</summary>
    public static TheoryData<string, string, string?> WrongTokens() => new()
    {
        { "DbId", "true", "32-bit integer" },
        { "DbId", "{}", "32-bit integer" },
        { "DbId", "[1]", "32-bit integer" },
        { "DbId", "1.0", "32-bit integer" },
        { "DbId", "\"1.0\"", "32-bit integer" },
        { "DbId", "\" 1\"", null },
        { "DbId", "-0", null },
        { "DbId", "\"\"", null },
        { "DbId", "\"0x10\"", "32-bit integer" },
        { "DbId", "1e2", "32-bit integer" },
        { "DbId", new string('9', 10_000), "32-bit integer" },
        { "PreCheckId", "false", "64-bit integer" },
        { "PreCheckId", "[]", "64-bit integer" },
        { "PreCheckId", "9223372036854775807.0", "64-bit integer" },
        { "PreCheckId", "\"abc\"", "64-bit integer" },
        { "Logic", "2", "a boolean" },
        { "Logic", "-1", "a boolean" },
        { "Logic", "1.0", "a boolean" },
        { "Logic", "\"yes\"", "a boolean" },
        { "Logic", "{}", "a boolean" },
        { "Logic", "[true]", "a boolean" },
        { "Logic", "\"TRUE\"", null },
        { "Logic", "1", null },
        { "Database", "{}", "a string" },
        { "Database", "[\"x\"]", "a string" },
        { "Database", "\"\\u0000\"", null },
        { "Database", "1e400", null },
        { "OrderDetail", "\"x\"", "JSON object" },
        { "OrderDetail", "[]", "JSON object" },
        { "OrderDetail", "0", "JSON object" },
        { "OrderDetail", "true", "JSON object" },
        { "OrderDetail", "null", null },
        { "JobStatus", "{}", "a string" },
        { "JobStatus", "[]", "a string" },
        { "JobStatus", "7", null },
    };

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task AValueOfTheWrongKindIsAnInvalidResponseNamingTheType(string member, string value, string? expected)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, ExportDetail(member, value)));
        using var client = TestClients.Create(server.Endpoint);
        var call = () => client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 1 });

        if (expected is null)
        {
            Assert.Equal("R1", (await call()).RequestId);
            return;
        }

        var exception = await HostileKit.FailsWith(call, DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, "R1");
        Assert.Contains(expected, exception.Message);
        Assert.IsType<System.Text.Json.JsonException>(exception.InnerException);
        Assert.Equal(1, server.RequestCount);
    }

    public static TheoryData<string, string, string?> OddDoubles() => new()
    {
        { "-0", "-0", null },
        { "an underflow", "1e-400", null },
        { "a huge exponent", "1e99999999999999999999", "number" },
        { "a long mantissa", "0." + new string('1', 100_000), null },
        { "10,000 digits", new string('9', 10_000), "number" },
        { "a boolean", "true", "number" },
        { "an object", "{\"v\":1}", "number" },
        { "an array", "[1]", "number" },
        { "a hex string", "\"0x1p3\"", "number" },
    };

    [Theory]
    [MemberData(nameof(OddDoubles))]
    public async Task OddNumbersForADoubleAreReadOrRefused(string shape, string value, string? expected)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, HostileKit.Degree(value)));
        using var client = TestClients.Create(server.Endpoint);

        if (expected is null)
        {
            var degree = (await client.GetDataTrackJobDegreeAsync(TestClients.Degree())).JobDegree!.ListCompletionDegree;
            Assert.True(double.IsFinite(degree!.Value), shape);
            return;
        }

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, "R1");
        Assert.Contains(expected, exception.Message);
    }

    public static TheoryData<string, int, string, string?> OddNames() => new()
    {
        { "a known member's name", 200, """{"RequestId":"R1","Success":true,"Job\ud800Degree":{}}""", "R1" },
        { "the RequestId's name", 200, """{"Request\ud800Id":"R1","Success":true}""", null },
        { "the Success name", 200, """{"RequestId":"R1","Succ\udc00ess":true}""", "R1" },
        { "an error's member name", 400, """{"RequestId":"R1","Co\ud800de":"X","Message":"m"}""", "R1" },
        { "a nested member's name", 200, """{"RequestId":"R1","Success":true,"JobDegree":{"Job\ud800Status":"INIT"}}""", "R1" },
    };

    [Theory]
    [MemberData(nameof(OddNames))]
    public async Task AnEscapedLoneSurrogateInAMemberNameIsAnInvalidResponse(string place, int status, string body, string? requestId)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, Encoding.UTF8.GetBytes(body), status));
        using var client = TestClients.Create(server.Endpoint, o => o.Retry.MaxAttempts = 1);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, (HttpStatusCode)status, requestId);

        Assert.Equal(body, exception.RawBody);
        Assert.True(place.Length > 0);
    }

    public static TheoryData<string, byte[], string?> OddDocuments() => new()
    {
        { "an empty body", System.Array.Empty<byte>(), null },
        { "whitespace", "  \r\n\t "u8.ToArray(), null },
        { "trailing garbage", """{"RequestId":"R1","Success":true} x"""u8.ToArray(), "R1" },
        { "a trailing comma", """{"RequestId":"R1","Success":true,}"""u8.ToArray(), "R1" },
        { "a comment", """{"RequestId":"R1",/* c */"Success":true}"""u8.ToArray(), "R1" },
        { "single quotes", """{'RequestId':'R1','Success':true}"""u8.ToArray(), null },
        { "a NUL after the object", "{\"RequestId\":\"R1\",\"Success\":true}\0"u8.ToArray(), "R1" },
        { "a raw control character in a string", "{\"RequestId\":\"R\u00011\",\"Success\":true}"u8.ToArray(), null },
    };

    [Theory]
    [MemberData(nameof(OddDocuments))]
    public async Task ADocumentThatIsNotStrictJsonIsAnInvalidResponse(string shape, byte[] body, string? requestId)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, body, 200));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, requestId);

        Assert.True(exception.RawBodyBytes.Length == body.Length, shape);
    }

    /// <summary>The typed reader keeps the last of two members, the envelope check the first: two Success members are never a success.</summary>
    [Theory]
    [InlineData("""{"RequestId":"R1","Success":true,"Success":false}""")]
    [InlineData("""{"RequestId":"R1","Success":false,"Success":true}""")]
    [InlineData("""{"RequestId":"R1","Success":true,"JobDegree":{},"Success":true}""")]
    [InlineData("""{"RequestId":"R1","Success":true,"Succ\u0065ss":false}""")]
    public async Task TwoSuccessMembersAreNotASuccess(string body)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.Unsuccessful, HttpStatusCode.OK, "R1");

        Assert.Contains("Success sent twice", exception.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData("""{"RequestId":"R1","Success":true,"JobDegree":{"Success":false}}""")]
    [InlineData("""{"RequestId":"R1","Success":true,"JobDegree":{"Note":"a \"quoted\" word"}}""")]
    public async Task ASuccessNamedOnlyBelowTheTopLevelOrAnEscapeAfterItIsStillASuccess(string body)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body));
        using var client = TestClients.Create(server.Endpoint);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.True(response.Success);
    }

    [Theory]
    [InlineData("""{"RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"A"},"JobDegree":{"JobStatus":"B"}}""", "B")]
    [InlineData("""{"RequestId":"R0","RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"B","JobStatus":"B"}}""", "B")]
    public async Task OtherDuplicateMembersKeepTheLast(string body, string status)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body));
        using var client = TestClients.Create(server.Endpoint);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal("R1", response.RequestId);
        Assert.Equal(status, response.JobDegree!.JobStatus!.Value.Value);
    }

    private static string ExportDetail(string member, string value)
    {
        var keyInfo = member is "PreCheckId" or "JobStatus" ? $$"""{"{{member}}":{{value}}}""" : "{}";
        var orderDetail = member == "OrderDetail" ? value : member is "PreCheckId" or "JobStatus" ? "{}" : $$"""{"{{member}}":{{value}}}""";
        return new StringBuilder()
            .Append("""{"RequestId":"R1","Success":true,"DataExportOrderDetail":{"KeyInfo":""").Append(keyInfo)
            .Append(""","OrderDetail":""").Append(orderDetail).Append("}}")
            .ToString();
    }
}
