using System;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>Invalid UTF-8 anywhere and numbers out of their type's range: InvalidResponse, never a framework exception or Infinity.</summary>
public class HostileEncodingTests
{
    public static TheoryData<string, int, string, string?> InvalidUtf8Places() => new()
    {
        { "RequestId", 200, """{"RequestId":"R<BAD>1","Success":true,"JobDegree":{"JobStatus":"INIT"}}""", null },
        { "Code", 400, """{"RequestId":"R1","Code":"Invalid<BAD>Parameter","Message":"bad"}""", "R1" },
        { "Message", 400, """{"RequestId":"R1","Code":"InvalidParameter","Message":"b<BAD>ad"}""", "R1" },
        { "HostId", 400, """{"RequestId":"R1","HostId":"dms<BAD>.aliyuncs.com","Code":"X","Message":"m"}""", "R1" },
        { "Recommend", 400, """{"RequestId":"R1","Code":"X","Message":"m","Recommend":"https://x/<BAD>"}""", "R1" },
        { "ErrorCode", 200, """{"RequestId":"R1","Success":false,"ErrorCode":"E<BAD>","ErrorMessage":"m"}""", "R1" },
        { "ErrorMessage", 200, """{"RequestId":"R1","Success":false,"ErrorCode":"E","ErrorMessage":"m<BAD>"}""", "R1" },
        { "Success as a string", 200, """{"RequestId":"R1","Success":"tr<BAD>ue"}""", "R1" },
        { "an unknown member's value", 200, """{"RequestId":"R1","Success":true,"Unknown":"x<BAD>"}""", "R1" },
        { "an unknown member's name", 200, """{"RequestId":"R1","Success":true,"Unk<BAD>nown":1}""", "R1" },
        { "a data member", 200, """{"RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"INIT","StatusDesc":"s<BAD>"}}""", "R1" },
        { "an enum member", 200, """{"RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"IN<BAD>IT"}}""", "R1" },
        { "a 5xx error's code", 500, """{"RequestId":"R1","Code":"Internal<BAD>Error"}""", "R1" },
        { "a non-JSON error body", 502, "Bad <BAD> gateway", null },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Places))]
    public async Task InvalidUtf8IsAnInvalidResponseWithTheRequestIdWhereItCanBeRead(string place, int status, string template, string? requestId)
    {
        byte[] body = Array.Empty<byte>();
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, body, status));
        using var client = TestClients.Create(server.Endpoint, o => o.Retry.MaxAttempts = 1);

        foreach (var bad in HostileKit.InvalidUtf8)
        {
            body = HostileKit.WithBytes(template, bad);
            Assert.False(System.Text.Unicode.Utf8.IsValid(body), place);

            var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, (HttpStatusCode)status, requestId);

            Assert.Contains("UTF-8", exception.Message);
            Assert.Contains("\uFFFD", exception.RawBody); // the bad bytes are kept, visibly replaced
            Assert.Equal(body, exception.RawBodyBytes.ToArray()); // and exactly, as bytes
        }
    }

    [Fact]
    public async Task AnInvalidUtf8BodyOnA5xxIsRetriedLikeAny5xx()
    {
        var body = HostileKit.WithBytes("""{"RequestId":"R1","Code":"Internal<BAD>Error"}""", HostileKit.InvalidUtf8[0]);
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, body, 503));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.ServiceUnavailable, "R1");

        Assert.Equal(3, exception.Attempts);
        Assert.Equal(3, server.RequestCount);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"1e400\"")]
    [InlineData("\"-1e400\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    public async Task ADoubleOutOfRangeIsAnInvalidResponseNotInfinity(string value)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, HostileKit.Degree(value)));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, "R1");

        Assert.Contains("number", exception.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    [InlineData("-1.7976931348623157e308", double.MinValue)]
    [InlineData("\"0.25\"", 0.25)]
    [InlineData("1", 1.0)]
    public async Task DoublesAtTheEdgeOfTheRangeAreRead(string value, double expected)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, HostileKit.Degree(value)));
        using var client = TestClients.Create(server.Endpoint);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal(expected, response.JobDegree!.ListCompletionDegree);
    }

    public static TheoryData<string, string> IntegersOutOfRange() => new()
    {
        { "DbId", "3000000000" },
        { "DbId", "-2147483649" },
        { "DbId", "\"3000000000\"" },
        { "DbId", "1.5" },
        { "DbId", "1e400" },
        { "PreCheckId", "9223372036854775808" },
        { "PreCheckId", "-9223372036854775809" },
        { "PreCheckId", "\"9223372036854775808\"" },
        { "PreCheckId", "1e400" },
        { "PreCheckId", "1e19" },
    };

    [Theory]
    [MemberData(nameof(IntegersOutOfRange))]
    public async Task AnIntegerOutOfRangeIsAnInvalidResponseNotAnOverflow(string member, string value)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, ExportDetail(member, value)));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 1 }), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, "R1");

        Assert.Contains(member == "DbId" ? "32-bit integer" : "64-bit integer", exception.Message);
        Assert.IsType<System.Text.Json.JsonException>(exception.InnerException);
    }

    [Fact]
    public async Task IntegersAtTheEdgeOfTheirRangeAreRead()
    {
        var body = """{"RequestId":"R1","Success":true,"DataExportOrderDetail":{"KeyInfo":{"PreCheckId":-9223372036854775808},"OrderDetail":{"DbId":2147483647,"ActualAffectRows":"9223372036854775807"}}}""";
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body));
        using var client = TestClients.Create(server.Endpoint);

        var detail = (await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 1 })).DataExportOrderDetail!;

        Assert.Equal(long.MinValue, detail.KeyInfo!.PreCheckId);
        Assert.Equal(int.MaxValue, detail.OrderDetail!.DbId);
        Assert.Equal(long.MaxValue, detail.OrderDetail.ActualAffectRows);
    }

    private static string ExportDetail(string member, string value)
    {
        var keyInfo = member == "PreCheckId" ? $$"""{"PreCheckId":{{value}}}""" : "{}";
        var orderDetail = member == "DbId" ? $$"""{"DbId":{{value}}}""" : "{}";
        return new StringBuilder()
            .Append("""{"RequestId":"R1","Success":true,"DataExportOrderDetail":{"KeyInfo":""").Append(keyInfo)
            .Append(""","OrderDetail":""").Append(orderDetail).Append("}}")
            .ToString();
    }
}
