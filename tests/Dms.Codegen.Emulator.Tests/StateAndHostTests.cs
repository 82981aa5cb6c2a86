using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.State;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>Job progression by time and by seeding over the admin endpoint; the host (its command line: CommandLineTests).</summary>
public class StateAndHostTests
{
    [Fact]
    public async Task SeedingOverTheAdminEndpointNamesTheTicketAndTheFailure()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        async Task<HttpStatusCode> Post(string path) => (await http.PostAsync(new Uri(emulator.Endpoint, path), null)).StatusCode;

        Assert.Equal(HttpStatusCode.NoContent, await Post($"/_emulator/orders/{Emulators.ExportId}?failure=precheck"));
        Assert.Equal(HttpStatusCode.NoContent, await Post("/_emulator/next-order?failure=approval"));
        Assert.Equal(HttpStatusCode.NotFound, await Post("/_emulator/orders/5?failure=precheck"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post($"/_emulator/orders/{Emulators.ExportId}?failure=maybe"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post("/_emulator/orders/abc?failure=precheck"));
        var next = emulator.State.SeedTicket(TicketKind.Generic);

        Assert.Equal(TicketFailure.PrecheckFails, emulator.State.Ticket(Emulators.ExportId)!.Failure);
        Assert.Equal(TicketFailure.ApprovalRejected, emulator.State.Ticket(next)!.Failure);
    }

    [Fact]
    public void ATrackingJobThatFailsStopsAtDownloadFailWithItsDegreesWhereTheyWere()
    {
        var steps = Enumerable.Range(0, TrackProgress.RunningSteps(fail: true) + 1).Select(i => TrackProgress.At(i, fail: true)).ToList();

        Assert.Equal("DOWNLOAD_FAIL", steps[^1].Status);
        Assert.Equal(TrackProgress.End(fail: true), steps[^1]);
        Assert.Equal(1.0, steps[^1].List);
        Assert.True(steps[^1].Download < 1.0);
        Assert.Equal(0.0, steps[^1].Filter);
        Assert.DoesNotContain(steps, s => s.Status is "FILTERING" or "FILTER_SUCCESS");
    }

    [Fact]
    public void TheEmulatorsGeneratedApiIsInternal()
    {
        var exported = typeof(DmsEmulator).Assembly.GetExportedTypes();

        Assert.DoesNotContain(exported, t => t.Namespace == "Dms.Codegen.Emulator.Api");
        Assert.DoesNotContain(exported, t => t.Name is "DmsClient" or "IDmsClient" || t.GetMethods().Any(m => m.Name == "AddDmsClient"));
        Assert.Contains(typeof(DmsEmulator), exported);
    }

    [Fact]
    public async Task ItListensOnLoopbackOnlyAndOnAChosenPort()
    {
        var port = FreePort();
        await using var emulator = await DmsEmulator.StartAsync(new DmsEmulatorOptions { Port = port });

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), emulator.Endpoint);
        await Assert.ThrowsAnyAsync<Exception>(() => DmsEmulator.StartAsync(new DmsEmulatorOptions { Port = port }));
    }

    [Fact]
    public async Task DisposingTwiceIsHarmlessAndFreesThePort()
    {
        var emulator = await DmsEmulator.StartAsync();
        var port = emulator.Endpoint.Port;

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        await using var again = await DmsEmulator.StartAsync(new DmsEmulatorOptions { Port = port });
        Assert.Equal(port, again.Endpoint.Port);
    }

    [Fact]
    public async Task OperationsComeFromTheGeneratedDescriptors()
    {
        await using var emulator = await Emulators.StartAsync();

        var track = DmsEmulator.Operations.Single(o => o.Action == "GetDataTrackJobDegree");

        Assert.Equal("2018-11-01", track.Version);
        Assert.Contains(track.Parameters, p => p.Name == "OrderId" && p.Required);
        Assert.Contains(DmsEmulator.Operations, o => o.Action == "GetDataExportOrderDetail");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
