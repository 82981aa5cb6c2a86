using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.EndToEnd;
using Dms.Codegen.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>
/// AddStandardResilienceHandler around a client from AddDmsClient: its retries pass through the DMS signing
/// handler, which runs innermost, so each wire attempt carries a fresh nonce and the strict emulator (which
/// rejects a used nonce with SignatureNonceUsed) accepts every one.
/// </summary>
public class ResilienceHandlerTests
{
    [Fact]
    public async Task TheStandardHandlerRetriesTwo503sWithAFreshSignatureEachTime()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.ServerError), count: 2);
        var wire = new ConcurrentQueue<HttpRequestMessage>();
        var outside = new ConcurrentQueue<bool>();
        var services = new ServiceCollection();
        services.AddDmsClient(o => Configure(o, emulator))
            .AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.Zero).Services
            .AddHttpClient(DmsServiceCollectionExtensionsName())
            .AddHttpMessageHandler(() => new Recording(m => outside.Enqueue(m.Headers.Contains("Authorization"))))
            .ConfigurePrimaryHttpMessageHandler(() => new Recording(wire.Enqueue) { InnerHandler = new SocketsHttpHandler() });
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IDmsClient>().GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = emulator.State.SeedTicket(Dms.Codegen.Emulator.State.TicketKind.DataTrack) });

        Assert.NotNull(response.RequestId);
        AssertFreshlySigned(wire, expected: 3);

        // A handler added after the resilience handler still runs before signing: it sees unsigned requests.
        Assert.Equal(new[] { false, false, false }, outside);
    }

    [Fact]
    public async Task WithTheRuntimesRetryOffAndShouldHandleSetTheStandardHandlerDoesTheRetrying()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.ServerError), count: 2);
        var wire = new ConcurrentQueue<HttpRequestMessage>();
        var services = new ServiceCollection();
        services.AddDmsClient(o =>
            {
                Configure(o, emulator);
                o.Retry.MaxAttempts = 1;
            })
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.ShouldHandle = args => args.Outcome switch
                {
                    { Exception: HttpRequestException } => PredicateResult.True(),
                    { Result: { } answer } => DmsRetryPolicy.IsTransientAsync(answer, args.Context.CancellationToken),
                    _ => PredicateResult.False(),
                };
            }).Services
            .AddHttpClient(DmsServiceCollectionExtensionsName())
            .ConfigurePrimaryHttpMessageHandler(() => new Recording(wire.Enqueue) { InnerHandler = new SocketsHttpHandler() });
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IDmsClient>().GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = emulator.State.SeedTicket(Dms.Codegen.Emulator.State.TicketKind.DataTrack) });

        Assert.NotNull(response.RequestId);
        AssertFreshlySigned(wire, expected: 3);
    }

    [Fact]
    public async Task ThrottlingOnHttp400IsTransientForShouldHandle()
    {
        await using var emulator = await Emulators.StartAsync();
        emulator.Faults.Enqueue(DmsEmulatorOptions.DefaultAccessKeyId, new EmulatorFault(EmulatorFaultKind.Throttle), count: 1);
        using var client = Emulators.Client(emulator, o => o.Retry.MaxAttempts = 1);
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(new GetDataTrackJobDegreeRequest { OrderId = emulator.State.SeedTicket(Dms.Codegen.Emulator.State.TicketKind.DataTrack) }));
        using var throttled = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent(exception.RawBody!) };
        using var invalid = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent("""{"Code":"InvalidParameter","Message":"no"}""") };

        Assert.Equal("Throttling.User", exception.Code);
        Assert.True(await DmsRetryPolicy.IsTransientAsync(throttled));
        Assert.False(await DmsRetryPolicy.IsTransientAsync(invalid));
        Assert.Contains("InvalidParameter", await invalid.Content.ReadAsStringAsync()); // still readable after the check
    }

    private static void Configure(DmsClientOptions options, DmsEmulator emulator)
    {
        options.Endpoint = emulator.Endpoint;
        options.Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret);
    }

    private static string DmsServiceCollectionExtensionsName() => Dms.Codegen.DependencyInjection.DmsServiceCollectionExtensions.HttpClientName(Microsoft.Extensions.Options.Options.DefaultName);

    private static void AssertFreshlySigned(ConcurrentQueue<HttpRequestMessage> wire, int expected)
    {
        var nonces = wire.Select(m => m.Headers.GetValues("x-acs-signature-nonce").Single()).ToList();
        Assert.Equal(expected, nonces.Count);
        Assert.Equal(expected, nonces.Distinct().Count());
        Assert.Equal(expected, wire.Select(m => m.Headers.GetValues("Authorization").Single()).Distinct().Count());
    }

    /// <summary>Sees each request as it passes (at the wire when it wraps the primary handler).</summary>
    private sealed class Recording : DelegatingHandler
    {
        private readonly Action<HttpRequestMessage> _seen;

        public Recording(Action<HttpRequestMessage> seen) => _seen = seen;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _seen(Snapshot(request));
            return base.SendAsync(request, cancellationToken);
        }

        // The same message object is signed again on a retry, so keep a copy of its headers as they are now.
        private static HttpRequestMessage Snapshot(HttpRequestMessage request)
        {
            var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return copy;
        }
    }
}
