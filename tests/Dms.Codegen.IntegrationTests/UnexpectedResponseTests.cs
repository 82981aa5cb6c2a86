using System.Collections.Generic;
using System.Text.Json;
using Dms.Codegen.IntegrationTests.Generated;
using Dms.Codegen.Json;
using Xunit;

namespace Dms.Codegen.IntegrationTests;

/// <summary>What DMS might send besides the documented shape: nothing crashes silently and nothing is lost.</summary>
public class UnexpectedResponseTests
{
    [Fact]
    public void UnknownEnumValueIsKeptRaw()
    {
        var response = DmsJson.Deserialize<GetDataTrackJobDegreeResponse>("""{"JobDegree":{"JobStatus":"ARCHIVED_BY_DMS_2030"}}""");
        var status = response.JobDegree!.JobStatus!.Value;

        Assert.Equal("ARCHIVED_BY_DMS_2030", status.Value);
        Assert.False(status.IsKnown);
        Assert.Null(status.Description);
        Assert.Contains("\"ARCHIVED_BY_DMS_2030\"", DmsJson.Serialize(response));
    }

    [Fact]
    public void UndescribedMembersAreKeptAndWrittenBack()
    {
        const string json = """{"RequestId":"r1","NewField":{"a":[1,2]},"JobDegree":{"Extra":true}}""";
        var response = DmsJson.Deserialize<GetDataTrackJobDegreeResponse>(json);

        Assert.Equal(JsonValueKind.Object, response.AdditionalProperties!["NewField"].ValueKind);
        Assert.True(response.JobDegree!.AdditionalProperties!["Extra"].GetBoolean());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json), System.Text.Json.Nodes.JsonNode.Parse(DmsJson.Serialize(response))));
    }

    [Fact]
    public void MissingMembersAreNull()
    {
        var response = DmsJson.Deserialize<GetDataExportOrderDetailResponse>("{}");

        Assert.Null(response.RequestId);
        Assert.Null(response.Success);
        Assert.Null(response.DataExportOrderDetail);
    }

    [Fact]
    public void NumbersSentAsStringsAreRead()
    {
        var response = DmsJson.Deserialize<GetDataExportOrderDetailResponse>("""{"DataExportOrderDetail":{"KeyInfo":{"PreCheckId":"9007199254740993"},"OrderDetail":{"DbId":"7","Logic":"true"}}}""");

        Assert.Equal(9007199254740993L, response.DataExportOrderDetail!.KeyInfo!.PreCheckId);
        Assert.Equal(7, response.DataExportOrderDetail.OrderDetail!.DbId);
        Assert.True(response.DataExportOrderDetail.OrderDetail.Logic);
    }

    public static IEnumerable<object[]> Malformed => new[]
    {
        new object[] { """{"DataExportOrderDetail":{"KeyInfo":{"PreCheckId":"twelve"}}}""", "64-bit integer" },
        new object[] { """{"DataExportOrderDetail":[1,2]}""", "Expected a JSON object" },
        new object[] { """{"Success":"perhaps"}""", "boolean" },
        new object[] { """{"RequestId":"r1" """, "" },
        new object[] { """[]""", "Expected a JSON object" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedBodiesFailWithAJsonExceptionThatSaysWhy(string json, string expected)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => DmsJson.Deserialize<GetDataExportOrderDetailResponse>(json));
        Assert.Contains(expected, exception.Message);
    }
}
