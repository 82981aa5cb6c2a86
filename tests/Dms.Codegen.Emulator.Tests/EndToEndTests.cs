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

        var export = await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 123456, Tid = -1 });
        var degree = await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 321 });

        Assert.Equal(DataExportJobStatus.PreChecking, export.DataExportOrderDetail!.KeyInfo!.JobStatus);
        Assert.True(export.Success);
        Assert.Matches("^[0-9A-F-]{36}$", export.RequestId);
        Assert.Equal(DataTrackJobStatus.Init, degree.JobDegree!.JobStatus);
    }

    [Fact]
    public async Task TheEmulatorAnswersEveryOperationInTheSpecLibrary()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);

        Assert.Equal(325, DmsEmulator.Operations.Count);
        var orders = await client.ListOrdersAsync(new ListOrdersRequest { PageSize = 10, OrderStatus = ListOrdersOrderStatus.Running });
        var info = await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = 5 });

        Assert.True(orders.Success);
        Assert.True(info.Success);
        Assert.NotEqual(orders.RequestId, info.RequestId);
    }

    [Fact]
    public async Task AnExportTicketMovesThroughItsDocumentedStatesToExportSuccess()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);

        var seen = new List<string>();
        for (var i = 0; i < EmulatorState.ExportSteps + 2; i++)
        {
            var response = await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 7 });
            seen.Add(response.DataExportOrderDetail!.KeyInfo!.JobStatus!.Value.Value);
        }

        Assert.Equal(new[] { "PRE_CHECKING", "PRE_CHECK_SUCCESS", "WAITING_APPLY_AUDIT", "APPLY_AUDIT_SUCCESS", "ENABLE_EXPORT", "WAITING_EXPORT", "DOING_EXPORT", "EXPORT_SUCCESS", "EXPORT_SUCCESS", "EXPORT_SUCCESS" }, seen);
        Assert.All(seen, s => Assert.True(new DataExportJobStatus(s).IsKnown));
    }

    [Fact]
    public async Task ATrackingJobRaisesItsThreeDegreesToFilterSuccess()
    {
        await using var emulator = await Emulators.StartAsync();
        using var client = Emulators.Client(emulator);

        var steps = new List<GetDataTrackJobDegreeResponse.Types.JobDegree>();
        for (var i = 0; i < EmulatorState.TrackSteps; i++)
        {
            steps.Add((await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 9 })).JobDegree!);
        }

        Assert.Equal(DataTrackJobStatus.FilterSuccess, steps[^1].JobStatus);
        Assert.Equal((1.0, 1.0, 1.0), (steps[^1].ListCompletionDegree!.Value, steps[^1].DownloadCompletionDegree!.Value, steps[^1].FilterCompletionDegree!.Value));
        var statuses = steps.Select(s => s.JobStatus!.Value).Distinct().ToList();
        Assert.Equal(new[] { DataTrackJobStatus.Init, DataTrackJobStatus.Listing, DataTrackJobStatus.ListSuccess, DataTrackJobStatus.Downloading, DataTrackJobStatus.DownloadSuccess, DataTrackJobStatus.Filtering, DataTrackJobStatus.FilterSuccess }, statuses);
        // Degrees never go down, and each phase completes before the next starts.
        for (var i = 1; i < steps.Count; i++)
        {
            Assert.True(steps[i].ListCompletionDegree >= steps[i - 1].ListCompletionDegree && steps[i].DownloadCompletionDegree >= steps[i - 1].DownloadCompletionDegree && steps[i].FilterCompletionDegree >= steps[i - 1].FilterCompletionDegree);
            Assert.True(steps[i].DownloadCompletionDegree == 0 || steps[i].ListCompletionDegree == 1);
            Assert.True(steps[i].FilterCompletionDegree == 0 || steps[i].DownloadCompletionDegree == 1);
        }
    }

    [Fact]
    public async Task SeededFailuresEndInExportFailAndDownloadFail()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.State.SeedExportOrder(66, JobOutcome.Fail);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(new Uri(emulator.Endpoint, "/_emulator/track-jobs/67?outcome=fail"), null)).StatusCode);
        using var client = Emulators.Client(emulator);

        DataExportJobStatus? export = null;
        DataTrackJobStatus? track = null;
        for (var i = 0; i < EmulatorState.TrackSteps; i++)
        {
            export = (await client.GetDataExportOrderDetailAsync(new GetDataExportOrderDetailRequest { OrderId = 66 })).DataExportOrderDetail!.KeyInfo!.JobStatus;
            track = (await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 67 })).JobDegree!.JobStatus;
        }

        Assert.Equal(DataExportJobStatus.ExportFail, export);
        Assert.Equal(DataTrackJobStatus.DownloadFail, track);
    }

    [Fact]
    public async Task RetryAfterThrottlingSucceeds()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Throttle), count: 2);
        using var client = Emulators.Client(emulator);

        var response = await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 1 });

        Assert.Equal(DataTrackJobStatus.Init, response.JobDegree!.JobStatus);
    }

    [Theory]
    [InlineData(EmulatorFaultKind.ServerError)]
    [InlineData(EmulatorFaultKind.Drop)]
    public async Task TransientFaultsAreRetried(EmulatorFaultKind kind)
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(kind), count: 2);
        using var client = Emulators.Client(emulator);

        Assert.NotNull((await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 1 })).RequestId);
    }

    [Fact]
    public async Task PersistentThrottlingSurfacesWithCodeAndRequestId()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Throttle), count: 5);
        using var client = Emulators.Client(emulator);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 1 }));

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

        await Assert.ThrowsAsync<DmsTimeoutException>(() => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 1 }));
    }

    [Fact]
    public async Task AnUnknownEnumValueIsKeptRaw()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.UnknownEnum));
        using var client = Emulators.Client(emulator);

        var status = (await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 1 })).JobDegree!.JobStatus!.Value;

        Assert.Equal("ARCHIVED_BY_EMULATOR", status.Value);
        Assert.False(status.IsKnown);
    }

    [Fact]
    public async Task MalformedJsonSurfacesAsADmsExceptionWithTheBody()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Malformed));
        using var client = Emulators.Client(emulator);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = 1 }));

        Assert.Equal("InvalidResponse", exception.Code);
        Assert.Contains("MALFORMED", exception.RawBody);
    }
}
