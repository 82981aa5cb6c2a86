using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Codegen.IntegrationTests.Generated;
using Dms.Codegen.Json;
using Xunit;

namespace Dms.Codegen.IntegrationTests;

/// <summary>The documented sample responses, read with the generated code and written back.</summary>
public class SampleResponseTests
{
    [Fact]
    public void DataExportSampleDeserializesWithEveryDocumentedValue()
    {
        var response = DmsJson.Deserialize<GetDataExportOrderDetailResponse>(SampleJson("GetDataExportOrderDetail"));

        Assert.Equal("427688B8-ADFB-4C4E-9D45-EF5C1FD6E23D", response.RequestId);
        Assert.Equal("UnknownError", response.ErrorCode);
        Assert.Equal("UnknownError", response.ErrorMessage);
        Assert.True(response.Success);
        var keyInfo = response.DataExportOrderDetail!.KeyInfo!;
        Assert.Equal(123L, keyInfo.PreCheckId);
        Assert.Equal(DataExportJobStatus.ExportSuccess, keyInfo.JobStatus);
        Assert.True(keyInfo.JobStatus!.Value.IsKnown);
        Assert.Equal("Data was exported.", keyInfo.JobStatus.Value.Description);
        var detail = response.DataExportOrderDetail.OrderDetail!;
        Assert.Equal(123, detail.DbId);
        Assert.Equal("xxx@xxx:3306", detail.Database);
        Assert.Equal("text", detail.Classify);
        Assert.Equal("select 1", detail.ExeSQL);
        Assert.False(detail.Logic);
        Assert.Equal(1L, detail.ActualAffectRows);
        Assert.False(detail.IgnoreAffectRows);
        Assert.Equal("empty", detail.IgnoreAffectRowsReason);
        Assert.Equal("test", detail.EnvType);
        Assert.Null(response.AdditionalProperties);
        Assert.Null(detail.AdditionalProperties);
    }

    [Fact]
    public void DataTrackSampleDeserializesWithEveryDocumentedValue()
    {
        var response = DmsJson.Deserialize<GetDataTrackJobDegreeResponse>(SampleJson("GetDataTrackJobDegree"));

        Assert.Equal("C51420E3-144A-4A94-B473-8662FCF4AD10", response.RequestId);
        Assert.True(response.Success);
        Assert.Equal("UnknownError", response.ErrorMessage);
        Assert.Equal("UnknownError", response.ErrorCode);
        var degree = response.JobDegree!;
        Assert.Equal(1.0, degree.ListCompletionDegree);
        Assert.Equal(1.0, degree.DownloadCompletionDegree);
        Assert.Equal(1.0, degree.FilterCompletionDegree);
        Assert.Equal(DataTrackJobStatus.FilterSuccess, degree.JobStatus);
        Assert.Equal("searching success", degree.StatusDesc);
    }

    [Theory]
    [InlineData("GetDataExportOrderDetail")]
    [InlineData("GetDataTrackJobDegree")]
    public void SampleSerializesBackToEquivalentJson(string operation)
    {
        var json = SampleJson(operation);
        var written = operation == "GetDataExportOrderDetail"
            ? DmsJson.Serialize(DmsJson.Deserialize<GetDataExportOrderDetailResponse>(json))
            : DmsJson.Serialize(DmsJson.Deserialize<GetDataTrackJobDegreeResponse>(json));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void AllDocumentedStatusValuesAreGenerated()
    {
        Assert.Equal(
            new[] { "PRE_CHECKING", "PRE_CHECK_SUCCESS", "PRE_CHECK_FAIL", "WAITING_APPLY_AUDIT", "APPLY_AUDIT_SUCCESS", "ENABLE_EXPORT", "WAITING_EXPORT", "DOING_EXPORT", "EXPORT_FAIL", "EXPORT_SUCCESS" },
            DataExportJobStatus.KnownValues.Select(v => v.Value));
        Assert.Equal(
            new[] { "INIT", "LISTING", "LIST_SUCCESS", "DOWNLOADING", "DOWNLOAD_FAIL", "DOWNLOAD_SUCCESS", "FILTERING", "FILTER_FAIL", "FILTER_SUCCESS" },
            DataTrackJobStatus.KnownValues.Select(v => v.Value));
        Assert.All(DataExportJobStatus.KnownValues.Concat(DataTrackJobStatus.KnownValues.Select(v => new DataExportJobStatus(v.Value))), v => Assert.False(string.IsNullOrEmpty(v.Value)));
        Assert.Equal("The ticket failed to pass the prechecked.", DataExportJobStatus.PreCheckFail.Description);
        Assert.Equal("The binary logs failed to be downloaded.", DataTrackJobStatus.DownloadFail.Description);
    }

    /// <summary>The sample body as the spec's <c>examples[0].json</c> holds it.</summary>
    internal static string SampleJson(string operation)
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", operation + ".yaml"));
        var start = yaml.IndexOf("json: |", StringComparison.Ordinal);
        var lines = yaml[(start + "json: |".Length)..].Split('\n').Skip(1).TakeWhile(l => l.Length == 0 || l.StartsWith("        ", StringComparison.Ordinal));
        return string.Join("\n", lines).Trim();
    }
}
