using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator;
using Dms.Codegen.Emulator.Benchmarks.Api;
using Dms.Codegen.Http;

// Requests per second against the emulator, sequentially and with 32 calls in flight: the generated client,
// and a bare HttpClient replaying one pre-signed request (replay protection off) as the emulator's ceiling.
if (args is ["soak", var soakSeconds])
{
    return await Soak.RunAsync(TimeSpan.FromSeconds(double.Parse(soakSeconds, System.Globalization.CultureInfo.InvariantCulture)));
}

var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);

await using var protectedEmulator = await DmsEmulator.StartAsync();
var trackId = protectedEmulator.State.SeedTicket(Dms.Codegen.Emulator.State.TicketKind.DataTrack);
await using var openEmulator = await DmsEmulator.StartAsync(new DmsEmulatorOptions { ReplayProtection = false });

using var client = new DmsClient(new DmsClientOptions
{
    Endpoint = protectedEmulator.Endpoint,
    Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret),
});
using var bare = new HttpClient();
var wire = ((IDmsOperationRequest)new GetDataTrackJobDegreeRequest { OrderId = 42 }).BuildRequest();
var credential = new DmsCredential(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret);
var template = DmsHttpRequestFactory.Create(wire, openEmulator.Endpoint, credential, DmsSignatureVersion.V3, DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), null);

async Task ClientCall() => await client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = trackId });

async Task BareCall()
{
    using var message = new HttpRequestMessage(template.Method, template.RequestUri);
    foreach (var header in template.Headers)
    {
        message.Headers.TryAddWithoutValidation(header.Key, header.Value);
    }

    using var response = await bare.SendAsync(message);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
}

Console.WriteLine($"{Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per run after a 1 s warm-up, .NET {Environment.Version}");
Console.WriteLine("| caller | concurrency | requests/s |");
Console.WriteLine("|---|---:|---:|");
foreach (var (name, call) in new (string, Func<Task>)[] { ("generated client (V3, signed per call)", ClientCall), ("bare HttpClient, one pre-signed request (ceiling)", BareCall) })
{
    foreach (var concurrency in new[] { 1, 32 })
    {
        await Measure(call, concurrency, TimeSpan.FromSeconds(1));
        var rate = await Measure(call, concurrency, duration);
        Console.WriteLine($"| {name} | {concurrency} | {rate:N0} |");
    }
}

return 0;

static async Task<double> Measure(Func<Task> call, int concurrency, TimeSpan duration)
{
    long count = 0;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (stopwatch.Elapsed < duration)
        {
            await call();
            Interlocked.Increment(ref count);
        }
    }));
    return count / stopwatch.Elapsed.TotalSeconds;
}
