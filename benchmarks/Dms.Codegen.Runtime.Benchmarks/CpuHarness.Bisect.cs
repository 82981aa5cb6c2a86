using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Http;
using Dms.Codegen.Runtime.Benchmarks.Api;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// <c>cpu-bisect</c>: the floor with one of the generated client's differences at a time (reading the body as a
/// stream after its headers, an HttpMessageInvoker, its URI parsed from text on every call as a signed request's
/// must be, signing and building the request on every call), and the
/// client over a caller-supplied HttpClient, so that the gap between client and floor can be placed.
/// </summary>
internal static partial class CpuHarness
{
    private static void AddBisectVariants(List<Variant> variants, DmsClientOptions options, Template template, HttpClient bare)
    {
        var version = options.SignatureVersion;
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.None });
        var callers = new DmsClient(options, new HttpClient(new SocketsHttpHandler()));
        var credential = new DmsCredential("testid", "testsecret");
        variants.Add(new Variant($"floor {version}, body read as a stream", () => template.SendStreamAsync(bare)));
        variants.Add(new Variant($"floor {version}, HttpMessageInvoker", () => template.SendInvokerAsync(invoker)));
        variants.Add(new Variant($"floor {version}, URI parsed per call", () => template.SendParsedAsync(bare)));
        variants.Add(new Variant($"floor {version}, signed on every call", () => SendSignedAsync(bare, options.Endpoint!, credential, version)));
        variants.Add(new Variant($"generated client {version}, caller's HttpClient", async () => await callers.GetDataTrackJobDegreeAsync(Request())));
    }

    /// <summary>The floor, but the request is built and signed by the runtime's public factory on every call.</summary>
    private static async Task SendSignedAsync(HttpClient client, Uri endpoint, DmsCredential credential, DmsSignatureVersion version)
    {
        var request = new DmsRequest("GetDataTrackJobDegree", "2018-11-01", HttpMethod.Post);
        request.Add(DmsParameterLocation.Query, "OrderId", "42");
        request.Add(DmsParameterLocation.Query, "Tid", "7");
        using var message = DmsHttpRequestFactory.Create(request, endpoint, credential, version, DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), "bench");
        using var response = await client.SendAsync(message);
        await response.Content.ReadAsByteArrayAsync();
    }

    private sealed partial record Template
    {
        public async Task SendStreamAsync(HttpClient client)
        {
            using var message = Message(Uri);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            await ReadAsync(response);
        }

        public async Task SendInvokerAsync(HttpMessageInvoker invoker)
        {
            using var message = Message(Uri);
            using var response = await invoker.SendAsync(message, CancellationToken.None);
            await ReadAsync(response);
        }

        /// <summary>The floor with a new Uri from the captured text: a signed request's nonce makes every URI new (V1 signs in the query).</summary>
        public async Task SendParsedAsync(HttpClient client)
        {
            using var message = Message(new Uri(Uri.OriginalString));
            using var response = await client.SendAsync(message);
            await response.Content.ReadAsByteArrayAsync();
        }

        private static async Task ReadAsync(HttpResponseMessage response)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            var stream = await response.Content.ReadAsStreamAsync();
            while (await stream.ReadAsync(buffer) > 0)
            {
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
