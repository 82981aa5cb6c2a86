using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.EndToEnd;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>The generated client and the emulator over real loopback HTTP.</summary>
public class EndToEndTests
{
    [Theory]
    [InlineData(DmsSignatureVersion.V3)]
    [InlineData(DmsSignatureVersion.V1)]
    public async Task BothSignatureVersionsAreAccepted(DmsSignatureVersion version)
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator, o => o.SignatureVersion = version);

        var export = await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = Emulators.ExportId, Tid = -1 });
        var degree = await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId });

        Assert.Equal(DataExportJobStatus.PreChecking, export.DataExportOrderDetail!.KeyInfo!.JobStatus);
        Assert.True(export.Success);
        Assert.Matches("^[0-9A-F-]{36}$", export.RequestId);
        Assert.Equal(DataTrackJobStatus.Init, degree.JobDegree!.JobStatus);
    }

    [Fact]
    public async Task LibraryOperationsAnswerWithTheirDocumentedMembersAndTheWorldsIds()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);

        var orders = await client.ListOrdersAsync(new ListOrdersRequest { PageSize = 10, OrderStatus = ListOrdersOrderStatus.Running });
        var info = await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = Emulators.TrackId });

        Assert.Equal(325, DmsEmulator.Operations.Count);
        Assert.Equal(new long?[] { Emulators.TrackId, Emulators.ExportId }, orders.Orders!.Order!.Select(o => o.OrderId));
        Assert.Equal(2, orders.TotalCount);
        Assert.Equal(Emulators.TrackId, info.OrderBaseInfo!.OrderId);
        Assert.Equal("DATA_TRACKING", info.OrderBaseInfo.PluginType);
        Assert.Equal(State.World.UserId, info.OrderBaseInfo.CommitterId);
        Assert.NotEqual(orders.RequestId, info.RequestId);
    }

    [Fact]
    public async Task RetryAfterThrottlingSucceeds()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Throttle), count: 2);
        var attempts = new CountingHandler();
        using var client = Emulators.Client(emulator, handler: attempts);

        var response = await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId });

        Assert.Equal(DataTrackJobStatus.Init, response.JobDegree!.JobStatus);
        Assert.Equal(0, emulator.Faults.Pending(DmsEmulatorOptions.DefaultAccessKeyId));
        Assert.Equal(3, attempts.Sent);
        Assert.Equal(new[] { 400, 400, 200 }, attempts.Statuses);
    }

    [Theory]
    [InlineData(EmulatorFaultKind.ServerError)]
    [InlineData(EmulatorFaultKind.Drop)]
    public async Task TransientFaultsAreRetried(EmulatorFaultKind kind)
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(kind), count: 2);
        var attempts = new CountingHandler();
        using var client = Emulators.Client(emulator, handler: attempts);

        var response = await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId });

        Assert.Equal(DataTrackJobStatus.Init, response.JobDegree!.JobStatus);
        Assert.Equal(0, emulator.Faults.Pending(DmsEmulatorOptions.DefaultAccessKeyId));
        Assert.Equal(3, attempts.Sent);
    }

    [Fact]
    public async Task PersistentThrottlingSurfacesWithCodeAndRequestId()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Throttle), count: 5);
        using var client = Emulators.Client(emulator);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId }));

        Assert.Equal("Throttling.User", exception.Code);
        Assert.Matches("^[0-9A-F-]{36}$", exception.RequestId);
        Assert.Equal(3, exception.Attempts);
    }

    [Fact]
    public async Task LatencyBeyondTheAttemptTimeoutIsATimeout()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Latency, TimeSpan.FromSeconds(2)), count: 5);
        using var client = Emulators.Client(emulator, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            o.Retry.MaxAttempts = 2;
        });

        await Assert.ThrowsAsync<DmsTimeoutException>(() => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId }));
    }

    [Fact]
    public async Task AnUnknownEnumValueIsKeptRaw()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.UnknownEnum));
        using var client = Emulators.Client(emulator);

        var status = (await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId })).JobDegree!.JobStatus!.Value;

        Assert.Equal("ARCHIVED_BY_EMULATOR", status.Value);
        Assert.False(status.IsKnown);
    }

    [Fact]
    public async Task MalformedJsonSurfacesAsADmsExceptionWithTheBody()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Malformed));
        using var client = Emulators.Client(emulator);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = Emulators.TrackId }));

        Assert.Equal("InvalidResponse", exception.Code);
        Assert.Contains("MALFORMED", exception.RawBody);
    }
}
