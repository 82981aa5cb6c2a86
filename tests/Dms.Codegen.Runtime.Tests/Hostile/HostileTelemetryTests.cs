using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// A server that invents a new Code for every answer: error.type on rpc.client.duration is that Code, so each
/// would be a new metric series kept by every exporter. Past 64 distinct values a client reports _OTHER.
/// </summary>
public class HostileTelemetryTests
{
    [Fact]
    public async Task AServerInventingCodesCannotGrowTheMetricsSeriesWithoutBound()
    {
        var answered = 0;
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, $$"""{"Code":"Invented.{{Interlocked.Increment(ref answered)}}","RequestId":"R1"}""", 400));
        var port = server.Endpoint.Port;
        var errorTypes = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Dms.Codegen.Http.DmsTelemetry.Name && instrument.Name == "rpc.client.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            if (all.Any(t => t.Key == "server.port" && Equals(t.Value, port)))
            {
                errorTypes.Enqueue((string)all.Single(t => t.Key == "error.type").Value!);
            }
        });
        listener.Start();
        using var client = TestClients.Create(server.Endpoint, o => o.Retry.MaxAttempts = 1);

        for (var i = 1; i <= 100; i++)
        {
            var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));
            Assert.Equal($"Invented.{i}", exception.Code); // the exception keeps the exact code
        }

        Assert.Equal(100, errorTypes.Count);
        Assert.Equal(Enumerable.Range(1, 64).Select(i => $"Invented.{i}"), errorTypes.Take(64));
        Assert.All(errorTypes.Skip(64), e => Assert.Equal("_OTHER", e));
    }
}
