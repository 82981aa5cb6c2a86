using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Dms.Codegen.Http;
using Dms.Codegen.IntegrationTests.Generated;
using Xunit;

namespace Dms.Codegen.IntegrationTests;

/// <summary>Where generated requests put each parameter, as Alibaba's own SDK does.</summary>
public class RequestWireTests
{
    [Fact]
    public void DataExportDetailSendsOrderIdInTheBodyAndTidInTheQuery()
    {
        IDmsOperationRequest request = new GetDataExportOrderDetailRequest { OrderId = 123456, Tid = -1 };
        var wire = request.BuildRequest();

        Assert.Equal("GetDataExportOrderDetail", wire.Action);
        Assert.Equal("2018-11-01", wire.Version);
        Assert.Equal(HttpMethod.Post, wire.Method);
        Assert.Equal(new[] { new KeyValuePair<string, string>("Tid", "-1") }, wire.Query);
        Assert.Equal(new[] { new KeyValuePair<string, string>("OrderId", "123456") }, wire.Form);
    }

    [Fact]
    public void OptionalParametersThatAreNotSetAreNotSent()
    {
        IDmsOperationRequest request = new GetDataTrackJobDegreeRequest { OrderId = 42 };
        var wire = request.BuildRequest();

        Assert.Equal(new[] { new KeyValuePair<string, string>("OrderId", "42") }, wire.Query);
        Assert.Empty(wire.Form);
    }
}

public class OperationCatalogTests
{
    [Fact]
    public void TheCatalogDescribesEveryOperationAsItsSpecDoes()
    {
        Assert.Equal(
            new[] { "FeatureTourCreateOrder", "FeatureTourList", "GetDataExportOrderDetail", "GetDataTrackJobDegree" },
            DmsClient.Operations.Select(o => o.Action));

        var detail = GetDataExportOrderDetailRequest.Descriptor;
        Assert.Equal(
            new[]
            {
                new DmsParameterDescriptor("Tid", DmsParameterLocation.Query, DmsValueKind.Int64, DmsParameterStyle.Plain, false),
                new DmsParameterDescriptor("OrderId", DmsParameterLocation.Form, DmsValueKind.Int64, DmsParameterStyle.Plain, true),
            },
            detail.Parameters);
        Assert.Contains(FeatureTourCreateOrderRequest.Descriptor.Parameters, p => p is { Name: "Tag", Kind: DmsValueKind.Array, Style: DmsParameterStyle.RepeatList });
        Assert.Equal(HttpMethod.Get, FeatureTourListRequest.Descriptor.Method);
    }
}
