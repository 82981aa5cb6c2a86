using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>The ActivitySource and Meter named Dms.Codegen.Runtime: one activity per call, attempt and duration instruments, nothing secret in tags.</summary>
public class TelemetryTests
{
    [Fact]
    public async Task ACallIsAnActivityAndIsMeasured()
    {
        var activities = new ConcurrentQueue<Activity>();
        var measurements = new ConcurrentQueue<(string Instrument, string? Unit, string Tags)>();
        await using var server = await LoopbackServer.StartAsync((c, n) => n == 1
            ? LoopbackServer.Json(c, """{"Code":"Throttling.User","Message":"slow","RequestId":"T1"}""", 400)
            : LoopbackServer.Json(c, LoopbackServer.DegreeBody));
        using var client = TestClients.Create(server.Endpoint, o => o.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, TestClients.Token));
        var traceId = ActivityTraceId.CreateRandom();

        // Listeners see every test's calls; this test's activity is the one under its own parent trace.
        using var listener = ListenToClientActivities(activities);
        using var meters = ListenToClientMeasurements(measurements);

        using (var parent = new Activity("test").SetParentId(traceId, ActivitySpanId.CreateRandom()).Start())
        {
            await client.GetDataTrackJobDegreeAsync(TestClients.Degree());
        }

        var activity = Assert.Single(activities, a => a.TraceId == traceId && a.Source.Name == "Dms.Codegen.Runtime");
        Assert.Equal("dms-enterprise/GetDataTrackJobDegree", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("GetDataTrackJobDegree", activity.GetTagItem("rpc.method"));
        Assert.Equal("alibaba_cloud", activity.GetTagItem("rpc.system"));
        Assert.Equal("dms-enterprise", activity.GetTagItem("rpc.service"));
        Assert.Equal("127.0.0.1", activity.GetTagItem("server.address"));
        Assert.Equal(server.Endpoint.Port, activity.GetTagItem("server.port"));
        Assert.Equal("req-ok", activity.GetTagItem("dms.request_id"));
        Assert.Null(activity.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal(2, activity.GetTagItem("dms.attempts"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        var tags = string.Join(";", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain(TestClients.Secret, tags);
        Assert.DoesNotContain(TestClients.Token, tags);

        Assert.Contains(measurements, m => m.Instrument == "dms.client.attempts" && m.Tags.Contains("http.response.status_code=400"));
        var duration = Assert.Single(measurements, m => m.Instrument == "rpc.client.duration" && m.Tags.Contains("rpc.method=GetDataTrackJobDegree") && m.Tags.Contains($"server.port={server.Endpoint.Port}"));
        Assert.Equal("ms", duration.Unit);
        Assert.Equal($"rpc.system=alibaba_cloud,rpc.service=dms-enterprise,rpc.method=GetDataTrackJobDegree,server.address=127.0.0.1,server.port={server.Endpoint.Port}", duration.Tags);
    }

    [Fact]
    public async Task AFailedCallHasAnErrorStatus()
    {
        var activities = new ConcurrentQueue<Activity>();
        var measurements = new ConcurrentQueue<(string Instrument, string? Unit, string Tags)>();
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, """{"Code":"InvalidParameter","Message":"no","RequestId":"X"}""", 400));
        using var client = TestClients.Create(server.Endpoint);
        var traceId = ActivityTraceId.CreateRandom();
        using var listener = ListenToClientActivities(activities);
        using var meters = ListenToClientMeasurements(measurements);

        using (new Activity("test").SetParentId(traceId, ActivitySpanId.CreateRandom()).Start())
        {
            await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));
        }

        var activity = Assert.Single(activities, a => a.TraceId == traceId);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("InvalidParameter", activity.GetTagItem("error.type"));
        Assert.Equal("X", activity.GetTagItem("dms.request_id"));
        Assert.Equal("GetDataTrackJobDegree", activity.GetTagItem("rpc.method"));
        Assert.Equal(server.Endpoint.Port, activity.GetTagItem("server.port"));

        // The duration of a failed call carries error.type too, as the conventions ask.
        var duration = Assert.Single(measurements, m => m.Instrument == "rpc.client.duration" && m.Tags.Contains($"server.port={server.Endpoint.Port}"));
        Assert.Equal("ms", duration.Unit);
        Assert.EndsWith(",error.type=InvalidParameter", duration.Tags);
    }

    [Fact]
    public void TheConventionsVersionIsTheOneTheReadmeNames()
    {
        var readme = System.IO.File.ReadAllText(ReadmePath());

        Assert.Equal("1.38.0", Dms.Codegen.Http.DmsTelemetry.SemanticConventionsVersion);
        Assert.Contains("semantic conventions", readme, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Dms.Codegen.Http.DmsTelemetry.SemanticConventionsVersion, readme);
        Assert.Contains(Dms.Codegen.Http.DmsTelemetry.LogCategory, readme);
    }

    private static string ReadmePath([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "..", "..", "README.md");

    private static MeterListener ListenToClientMeasurements(ConcurrentQueue<(string Instrument, string? Unit, string Tags)> measurements)
    {
        var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Dms.Codegen.Runtime")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Enqueue((i.Name, i.Unit, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        meters.SetMeasurementEventCallback<double>((i, _, tags, _) => measurements.Enqueue((i.Name, i.Unit, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        meters.Start();
        return meters;
    }

    private static ActivityListener ListenToClientActivities(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Dms.Codegen.Runtime",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
