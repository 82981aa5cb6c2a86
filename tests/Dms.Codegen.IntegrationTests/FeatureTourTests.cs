using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Codegen.Http;
using Dms.Codegen.IntegrationTests.Generated;
using Dms.Codegen.Json;
using Xunit;

namespace Dms.Codegen.IntegrationTests;

/// <summary>The generated code for specs that use every construct of the format.</summary>
public class FeatureTourTests
{
    [Fact]
    public void EveryParameterEncodingGoesOnTheWireAsAlibabaExpects()
    {
        IDmsOperationRequest request = new FeatureTourCreateOrderRequest
        {
            Tid = 3000,
            Comment = "big SQL & more",
            PluginParam = new FeatureTourCreateOrderRequest.Types.PluginParam
            {
                DbId = 18,
                ExeSQL = "SELECT 1",
                Logic = false,
                Watermark = new() { DataWatermark = "w", Keys = new[] { "a", "b" } },
            },
            RelatedUserList = new long[] { 123, 456 },
            PartitionValues = new[] { "2024", "01" },
            FunctionParams = new[] { "x", "y" },
            PartitionValuesList = new[] { new[] { "a", "b" }, new[] { "c" } },
            Tag = new[] { new TagPair { Key = "env", Value = "prod" }, new TagPair { Key = "team" } },
            ActionDetail = new Dictionary<string, JsonElement> { ["mode"] = JsonDocument.Parse("\"fast\"").RootElement, ["n"] = JsonDocument.Parse("2").RootElement },
            Priority = OrderPriority.High,
            Priorities = new[] { OrderPriority.Low, OrderPriority.Normal },
        };

        var wire = request.BuildRequest();

        Assert.Equal(HttpMethod.Post, wire.Method);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Tid"] = "3000",
                ["PluginParam"] = """{"DbId":18,"ExeSQL":"SELECT 1","Logic":false,"Watermark":{"DataWatermark":"w","Keys":["a","b"]}}""",
                ["RelatedUserList"] = "[123,456]",
                ["PartitionValues"] = "2024,01",
                ["PartitionValuesList.1.1"] = "a",
                ["PartitionValuesList.1.2"] = "b",
                ["PartitionValuesList.2.1"] = "c",
                ["Tag.1.Key"] = "env",
                ["Tag.1.Value"] = "prod",
                ["Tag.2.Key"] = "team",
                ["ActionDetail"] = """{"mode":"fast","n":2}""",
                ["Priority"] = "2",
                ["Priorities"] = "0,1",
            },
            wire.Query.ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal(
            new[] { ("Comment", "big SQL & more"), ("FunctionParams.1", "x"), ("FunctionParams.2", "y") },
            wire.Form.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void RequiredMembersOfNestedObjectsAreCheckedBeforeSending()
    {
        IDmsOperationRequest request = new FeatureTourCreateOrderRequest
        {
            PluginParam = new FeatureTourCreateOrderRequest.Types.PluginParam { DbId = 1, ExeSQL = null! },
        };

        var exception = Assert.Throws<ArgumentException>(() => request.BuildRequest());
        Assert.Contains("ExeSQL", exception.Message);

        IDmsOperationRequest tagged = new FeatureTourCreateOrderRequest { Tag = new[] { new TagPair() } };
        Assert.Contains("'Key'", Assert.Throws<ArgumentException>(() => tagged.BuildRequest()).Message);
    }

    [Fact]
    public void GetOperationsPutEverythingInTheQuery()
    {
        IDmsOperationRequest request = new FeatureTourListRequest { PageSize = 20, Keyword = "a b", Ratio = 0.5 };
        var wire = request.BuildRequest();

        Assert.Equal(HttpMethod.Get, wire.Method);
        Assert.Equal(new[] { ("PageSize", "20"), ("Keyword", "a b"), ("Ratio", "0.5") }, wire.Query.Select(p => (p.Key, p.Value)));
        Assert.Empty(wire.Form);
    }

    [Fact]
    public void ComplexResponsesReadAndWriteBack()
    {
        const string json = """
            {
              "RequestId": "r",
              "Success": true,
              "CreateOrderResult": { "CreateOrderResult": [1, 2] },
              "Orders": { "Order": [ { "OrderId": 7, "Priority": 2, "Tags": [ { "Key": "k", "Value": "v" } ] }, { "OrderId": 8, "Priority": 9 } ] },
              "Rows": [ { "id": 1, "name": "x", "nested": { "deep": [true, null] } } ],
              "Labels": { "a": "b" },
              "request-id": "dash",
              "OldField": "legacy"
            }
            """;

        var response = DmsJson.Deserialize<FeatureTourCreateOrderResponse>(json);

        Assert.Equal(new long[] { 1, 2 }, response.CreateOrderResult!.CreateOrderResult);
        var orders = response.Orders!.Order!;
        Assert.Equal(7L, orders[0].OrderId);
        Assert.Equal(OrderPriority.High, orders[0].Priority);
        Assert.Equal("v", orders[0].Tags![0].Value);
        Assert.False(orders[1].Priority!.Value.IsKnown);
        Assert.Equal("9", orders[1].Priority!.Value.Value);
        Assert.Equal("x", response.Rows![0]["name"].GetString());
        Assert.Equal("b", response.Labels!["a"]);
        Assert.Equal("dash", response.DashedRequestId);
#pragma warning disable CS0618 // the spec marks OldField deprecated; reading it is the point here
        Assert.Equal("legacy", response.OldField);
#pragma warning restore CS0618
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(DmsJson.Serialize(response))), DmsJson.Serialize(response));
    }

    [Fact]
    public void SingleArrayWrapperTypesGetADistinctClassName()
    {
        // The wrapper object's default class name would equal its member's name, so "Model" is appended.
        Assert.Equal("CreateOrderResultModel", typeof(FeatureTourCreateOrderResponse.Types.CreateOrderResultModel).Name);
        Assert.Equal("OrderItem", typeof(FeatureTourCreateOrderResponse.Types.OrderItem).Name);
    }

    [Fact]
    public void NullItemsInListsAreRejectedWithAReason()
    {
        var exception = Assert.Throws<JsonException>(() => DmsJson.Deserialize<FeatureTourCreateOrderResponse>("""{"CreateOrderResult":{"CreateOrderResult":[1,null]}}"""));
        Assert.Contains("null is not allowed", exception.Message);
    }
}
