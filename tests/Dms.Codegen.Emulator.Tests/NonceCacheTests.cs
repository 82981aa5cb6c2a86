using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Security;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>The nonce cache remembers a nonce only while its request could be replayed, and never more than its cap.</summary>
public class NonceCacheTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    [Fact]
    public void ANonceIsARepeatOnlyWhileItsTimestampIsInTheWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var cache = new NonceCache(Window, 100, clock);

        Assert.Equal(NonceVerdict.Accepted, cache.TryUse("testid", "n1", clock.GetUtcNow()));
        Assert.Equal(NonceVerdict.Replayed, cache.TryUse("testid", "n1", clock.GetUtcNow()));
        Assert.Equal(NonceVerdict.Accepted, cache.TryUse("otherid", "n1", clock.GetUtcNow()));

        clock.Advance(Window + TimeSpan.FromSeconds(1));
        Assert.Equal(NonceVerdict.Accepted, cache.TryUse("testid", "n2", clock.GetUtcNow()));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void ANonceSignedInThePastIsForgottenWhenItsOwnTimestampLeavesTheWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var cache = new NonceCache(Window, 100, clock);

        cache.TryUse("testid", "old", clock.GetUtcNow() - TimeSpan.FromMinutes(14));
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(NonceVerdict.Accepted, cache.TryUse("testid", "new", clock.GetUtcNow()));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void AFullCacheRefusesRatherThanForgetANonceThatCouldStillBeReplayed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var cache = new NonceCache(Window, 3, clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(NonceVerdict.Accepted, cache.TryUse("testid", "n" + i, clock.GetUtcNow()));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(NonceVerdict.Full, cache.TryUse("testid", "n3", clock.GetUtcNow()));
        Assert.Equal(NonceVerdict.Replayed, cache.TryUse("testid", "n0", clock.GetUtcNow()));
        Assert.Equal(TimeSpan.FromMinutes(12), cache.UntilNextExpiry);

        clock.Advance(TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(1));
        Assert.Equal(NonceVerdict.Accepted, cache.TryUse("testid", "n3", clock.GetUtcNow()));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public async Task AFullCacheAnswersThrottlingWithARetryAfterUntilTheOldestNonceExpires()
    {
        var clock = new FakeTimeProvider(WholeSecondNow());
        await using var emulator = await Emulators.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.MaxRememberedNonces = 2;
        });
        using var http = new HttpClient();
        RawRequest Track() => new("GetDataTrackJobDegree", ("OrderId", "1")) { Time = clock.GetUtcNow() };

        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).Status);
        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, Track().V1(emulator.Endpoint))).Status);
        var refused = (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).AssertError(HttpStatusCode.ServiceUnavailable, "Throttling");

        Assert.Equal("900000", refused.Header("x-acs-retry-after"));
        Assert.Equal(2, emulator.RememberedNonces);
        clock.Advance(Window + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await RawAnswer.SendAsync(http, Track().V3(emulator.Endpoint))).Status);
        Assert.Equal(1, emulator.RememberedNonces);
    }

    /// <summary>
    /// A bounded soak: 64 concurrent clients, each sending signed requests while the clock moves a minute per
    /// round, against a cap far below the number of requests. The cache never passes its cap, every refusal is
    /// the throttling error, and requests are accepted again once old nonces leave the window.
    /// </summary>
    [Fact]
    public async Task UnderASoakOf64ClientsTheCacheStaysUnderItsCap()
    {
        const int Cap = 400;
        var clock = new FakeTimeProvider(WholeSecondNow());
        await using var emulator = await Emulators.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.MaxRememberedNonces = Cap;
        });
        using var http = new HttpClient();
        var outcomes = new ConcurrentDictionary<string, int>();
        var peak = 0;
        for (var round = 0; round < 40; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 64).Select(async client =>
            {
                var request = new RawRequest("GetDataTrackJobDegree", ("OrderId", client.ToString(System.Globalization.CultureInfo.InvariantCulture))) { Time = clock.GetUtcNow() };
                var answer = await RawAnswer.SendAsync(http, client % 2 == 0 ? request.V3(emulator.Endpoint) : request.V1(emulator.Endpoint));
                outcomes.AddOrUpdate(answer.Status == HttpStatusCode.OK ? "ok" : answer.Code ?? "?", 1, (_, n) => n + 1);
                InterlockedMax(ref peak, emulator.RememberedNonces);
            }));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True(peak <= Cap, $"peak {peak}");
        Assert.Equal(new[] { "Throttling", "ok" }, outcomes.Keys.OrderBy(k => k, StringComparer.Ordinal));
        // 15 minutes of nonces are remembered at most: the cap fills within the window, and empties with it.
        Assert.True(outcomes["ok"] >= Cap * 2, $"ok {outcomes["ok"]}");
    }

    /// <summary>Request timestamps have whole seconds; a clock that starts on one makes expiries exact.</summary>
    private static DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
