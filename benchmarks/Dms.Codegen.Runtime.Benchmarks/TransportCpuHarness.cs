using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Benchmarks.Api;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// CPU per call through the real transport (HttpClient and SocketsHttpHandler over an <see cref="InMemoryConnection"/>),
/// so that what the transport adds per call (the decompression handler, HttpClient's own layer, the bytes of the
/// headers written and parsed) is measured in process, steadily, next to the generated client. Best of N rounds.
/// </summary>
internal static class TransportCpuHarness
{
    private const int Calls = 20000;

    public static async Task<int> RunAsync(int rounds)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(LoopbackResponder.Body);
        var endpoint = new Uri("http://127.0.0.1:8080/");
        Console.WriteLine("| caller | CPU µs/call | allocated B/call |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var version in new[] { DmsSignatureVersion.V3, DmsSignatureVersion.V1 })
        {
            var options = new DmsClientOptions { Endpoint = endpoint, Credentials = DmsCredentials.AccessKey("testid", "testsecret"), SignatureVersion = version };
            var capture = new InProcessCpuHarness.Capture { InnerHandler = InMemoryConnection.Handler(body) };
            using (var capturing = new DmsClient(options, new HttpClient(capture)))
            {
                await capturing.GetDataTrackJobDegreeAsync(new() { OrderId = 42, Tid = 7 });
            }

            var plain = new DmsClient(options, new HttpClient(InMemoryConnection.Handler(body)));
            var decompressing = new DmsClient(options, new HttpClient(InMemoryConnection.Handler(body, DecompressionMethods.All)));
            var bare = new HttpClient(InMemoryConnection.Handler(body));
            var bareDecompressing = new HttpClient(InMemoryConnection.Handler(body, DecompressionMethods.All));
            var invoker = new HttpMessageInvoker(InMemoryConnection.Handler(body));
            var variants = new (string Name, Func<Task> Call)[]
            {
                ($"generated client {version}, plain handler", async () => await plain.GetDataTrackJobDegreeAsync(new() { OrderId = 42, Tid = 7 })),
                ($"generated client {version}, decompressing handler", async () => await decompressing.GetDataTrackJobDegreeAsync(new() { OrderId = 42, Tid = 7 })),
                ($"floor {version}", () => SendAsync(bare, capture)),
                ($"floor {version}, decompressing handler", () => SendAsync(bareDecompressing, capture)),
                ($"floor {version}, HttpMessageInvoker", () => SendAsync(invoker, capture)),
            };
            var best = variants.Select(_ => (Cpu: double.MaxValue, Bytes: 0.0)).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < variants.Length; i++)
                {
                    var (cpu, bytes) = await InProcessCpuHarness.MeasureAsync(variants[i].Call, Calls);
                    if (cpu < best[i].Cpu)
                    {
                        best[i] = (cpu, bytes);
                    }
                }
            }

            for (var i = 0; i < variants.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variants[i].Name} | {best[i].Cpu:0.00} | {best[i].Bytes:0} |"));
            }
        }

        return 0;
    }

    /// <summary>A freshly built copy of the captured request, read whole, as the loopback floor sends it.</summary>
    private static async Task SendAsync(HttpMessageInvoker client, InProcessCpuHarness.Capture capture)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, capture.Uri);
        foreach (var (name, value) in capture.Headers!)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = client is HttpClient http ? await http.SendAsync(message) : await client.SendAsync(message, CancellationToken.None);
        await response.Content.ReadAsByteArrayAsync();
    }
}
