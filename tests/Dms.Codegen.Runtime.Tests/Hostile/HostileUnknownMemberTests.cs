using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Json;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// Members the spec does not describe are kept in AdditionalProperties as sent, and a body made of many of them
/// costs a few times its size, not the 20 times one JsonDocument per member took.
/// </summary>
public class HostileUnknownMemberTests
{
    private const string Known = "\"RequestId\":\"R1\",\"Success\":true";

    [Fact]
    public void EveryKindOfValueIsKeptAsSentButForSpacing()
    {
        var response = Read("""{"RequestId":"R1","A":"x\u00e9\"y","B":1e400,"C":[1, {"D" : null, "E":[[],{}]}, "z"],"Success":true,"\u4e2d":false,"F":{},"A":"last"}""");

        var members = response.AdditionalProperties!;
        Assert.Equal(new[] { "A", "B", "C", "F", "\u4e2d" }, members.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("\"last\"", members["A"].GetRawText()); // a repeated name keeps its last value
        Assert.Equal("1e400", members["B"].GetRawText());
        Assert.Equal("""[1,{"D":null,"E":[[],{}]},"z"]""", members["C"].GetRawText());
        Assert.Equal(JsonValueKind.False, members["\u4e2d"].ValueKind);
        Assert.Equal("{}", members["F"].GetRawText());
        Assert.Equal("R1", response.RequestId);
        Assert.True(response.Success);
    }

    [Fact]
    public void EscapesInNamesAndStringsAreKeptAndWrittenBack()
    {
        var response = Read("{" + Known + ""","N\u0041me":"a\nb\u0000","Lone":"x\ud800"}""");

        var members = response.AdditionalProperties!;
        Assert.Equal("\"a\\nb\\u0000\"", members["NAme"].GetRawText());
        Assert.Equal("\"x\\ud800\"", members["Lone"].GetRawText());
        var written = DmsJson.Serialize(response);
        Assert.Contains("\"NAme\":\"a\\nb\\u0000\"", written);
        Assert.Equal(members.Count, Read(written).AdditionalProperties!.Count);
    }

    [Fact]
    public void NoUnknownMemberMeansNoDictionary() => Assert.Null(Read("{" + Known + "}").AdditionalProperties);

    [Theory]
    [InlineData("""{"U\ud800":1}""")] // a name that is not Unicode fails when read, not when looked up
    [InlineData("""{"U":[1,{"V":2}""")]
    [InlineData("""{"U":""")]
    public void ABrokenUnknownMemberFailsTheRead(string json)
    {
        var exception = Record.Exception(() => DmsJson.Deserialize<GetDataTrackJobDegreeResponse>(json));

        Assert.True(exception is JsonException or InvalidOperationException, exception?.ToString());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("{}")]
    [InlineData("\"abcdefghij\"")]
    public void ManySmallUnknownMembersCostAFewTimesTheBody(string value)
    {
        var body = Encoding.UTF8.GetBytes("{" + Known + string.Concat(Enumerable.Range(0, 100_000).Select(i => $",\"m{i}\":{value}")) + "}");
        DmsJson.Deserialize<GetDataTrackJobDegreeResponse>(body); // warm up
        var held = GC.GetTotalMemory(forceFullCollection: true);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var response = DmsJson.Deserialize<GetDataTrackJobDegreeResponse>(body);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - held;
        // One JsonDocument per member kept 11-21 times the body and allocated 14-26 times it.
        Assert.True(retained < 5L * body.Length, $"retained {retained:N0} B for a body of {body.Length:N0} B");
        Assert.True(allocated < 10L * body.Length, $"allocated {allocated:N0} B for a body of {body.Length:N0} B");
        Assert.Equal(100_000, response.AdditionalProperties!.Count);
    }

    [Fact]
    public async Task AnUnknownMemberWithInvalidUtf8InItsNameIsAnInvalidResponseOfTheCall()
    {
        var bytes = HostileKit.WithBytes("{" + Known + ",\"U<BAD>\":{\"V\":1}}", new byte[] { 0xFF });
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, bytes, 200));
        using var client = TestClients.Create(server.Endpoint, o => o.Retry.MaxAttempts = 1);

        await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, "R1");
    }

    private static GetDataTrackJobDegreeResponse Read(string json) => DmsJson.Deserialize<GetDataTrackJobDegreeResponse>(json);
}
