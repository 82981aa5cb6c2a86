using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Benchmarks.Api;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// The client's own cost per call without a network: the generated client and the floor (a freshly built copy of
/// the same request) both send through a handler that answers at once with the loopback server's body, so what is
/// left is request building, signing, the pipeline and reading. Steadier than the loopback harness on a busy
/// machine (no other process, no thread hops), so it is the one to compare small changes with.
/// </summary>
internal static class InProcessCpuHarness
{
    private const int Calls = 20000;

    public static async Task<int> RunAsync(int rounds)
    {
        var endpoint = new Uri("http://127.0.0.1:8080/");
        Console.WriteLine("| caller | CPU µs/call | allocated B/call |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var version in new[] { DmsSignatureVersion.V3, DmsSignatureVersion.V1 })
        {
            var options = new DmsClientOptions { Endpoint = endpoint, Credentials = DmsCredentials.AccessKey("testid", "testsecret"), SignatureVersion = version };
            using var client = new DmsClient(options, new HttpClient(new Answer()));
            var capture = new Capture { InnerHandler = new Answer() };
            using (var capturing = new DmsClient(options, new HttpClient(capture)))
            {
                await capturing.GetDataTrackJobDegreeAsync(new() { OrderId = 42, Tid = 7 });
            }

            var bare = new HttpClient(new Answer());
            Func<Task> generated = async () => await client.GetDataTrackJobDegreeAsync(new() { OrderId = 42, Tid = 7 });
            Func<Task> floor = async () =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, capture.Uri);
                foreach (var (name, value) in capture.Headers!)
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await bare.SendAsync(message);
                await response.Content.ReadAsByteArrayAsync();
            };
            var best = (Generated: double.MaxValue, Floor: double.MaxValue, GeneratedBytes: 0.0, FloorBytes: 0.0);
            for (var round = 0; round < rounds; round++)
            {
                var (cpu, bytes) = await MeasureAsync(generated, Calls);
                if (cpu < best.Generated)
                {
                    best.Generated = cpu;
                    best.GeneratedBytes = bytes;
                }

                (cpu, bytes) = await MeasureAsync(floor, Calls);
                if (cpu < best.Floor)
                {
                    best.Floor = cpu;
                    best.FloorBytes = bytes;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| generated client {version} | {best.Generated:0.00} | {best.GeneratedBytes:0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| floor {version} | {best.Floor:0.00} | {best.FloorBytes:0} |"));
        }

        return 0;
    }

    /// <summary>CPU µs and bytes allocated per call, over <paramref name="calls"/> sequential calls.</summary>
    internal static async Task<(double Cpu, double Bytes)> MeasureAsync(Func<Task> call, int calls)
    {
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var cpuElapsed = Environment.CpuUsage.TotalTime - cpu;
        return (cpuElapsed.TotalMicroseconds / calls, (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / calls);
    }

    /// <summary>Answers every request at once, as the loopback server does.</summary>
    private sealed class Answer : HttpMessageHandler
    {
        private static readonly byte[] Body = System.Text.Encoding.UTF8.GetBytes(LoopbackResponder.Body);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Body);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>Keeps the URI and headers of the request it passes on (the transport harness uses it too).</summary>
    internal sealed class Capture : DelegatingHandler
    {
        public Uri? Uri { get; private set; }

        public (string Name, string Value)[]? Headers { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri;
            Headers = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(request.Headers, h => (h.Key, string.Join(",", h.Value))));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
