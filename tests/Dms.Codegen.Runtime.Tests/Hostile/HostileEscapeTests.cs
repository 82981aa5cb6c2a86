using System.Net;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// Valid UTF-8 and valid JSON, but a string holds an escaped lone surrogate ("\ud800"), which
/// <c>Utf8JsonReader.GetString</c> refuses with an InvalidOperationException: in an envelope field or a data
/// member it is an InvalidResponse like invalid UTF-8, never the framework's exception.
/// </summary>
public class HostileEscapeTests
{
    public static TheoryData<string, int, string, string?> LoneSurrogatePlaces() => new()
    {
        { "RequestId", 200, """{"RequestId":"R\ud8001","Success":true,"JobDegree":{"JobStatus":"INIT"}}""", null },
        { "Code", 400, """{"RequestId":"R1","Code":"Invalid\ud800Parameter","Message":"bad"}""", "R1" },
        { "Message (a low surrogate)", 400, """{"RequestId":"R1","Code":"InvalidParameter","Message":"b\udc00ad"}""", "R1" },
        { "HostId", 400, """{"RequestId":"R1","HostId":"dms\ud800","Code":"X","Message":"m"}""", "R1" },
        { "Recommend", 400, """{"RequestId":"R1","Code":"X","Message":"m","Recommend":"https://x/\udbff"}""", "R1" },
        { "ErrorCode", 200, """{"RequestId":"R1","Success":false,"ErrorCode":"E\ud800","ErrorMessage":"m"}""", "R1" },
        { "ErrorMessage", 200, """{"RequestId":"R1","Success":false,"ErrorCode":"E","ErrorMessage":"m\ud800"}""", "R1" },
        { "a 5xx error's code", 500, """{"RequestId":"R1","Code":"Internal\ud800Error"}""", "R1" },
        { "a data member", 200, """{"RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"INIT","StatusDesc":"s\ud800"}}""", "R1" },
        { "an enum member", 200, """{"RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"IN\ud800IT"}}""", "R1" },
        { "a number sent as a string", 200, """{"RequestId":"R1","Success":true,"JobDegree":{"ListCompletionDegree":"1\ud800"}}""", "R1" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogatePlaces))]
    public async Task AnEscapedLoneSurrogateIsAnInvalidResponse(string place, int status, string body, string? requestId)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.True(System.Text.Unicode.Utf8.IsValid(bytes), place);
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, bytes, status));
        using var client = TestClients.Create(server.Endpoint, o => o.Retry.MaxAttempts = 1);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, (HttpStatusCode)status, requestId);

        Assert.Equal(body, exception.RawBody);
    }

    [Fact]
    public async Task AnEscapedLoneSurrogateInAnUnknownMemberIsKeptAsSent()
    {
        var body = """{"RequestId":"R1","Success":true,"Unknown":"x\ud800","JobDegree":{"JobStatus":"INIT"}}""";
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body));
        using var client = TestClients.Create(server.Endpoint);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal("R1", response.RequestId);
        Assert.Equal("\"x\\ud800\"", response.AdditionalProperties!["Unknown"].GetRawText());
    }
}
