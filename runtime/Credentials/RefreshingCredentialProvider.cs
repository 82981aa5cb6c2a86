using System;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Credentials;

/// <summary>
/// Caches a temporary credential and fetches a new one ahead of its expiry. At most one fetch runs at a time:
/// callers that need a new credential while one is being fetched wait for that fetch, each with its own
/// cancellation. A failed fetch keeps a credential that has not expired yet (and waits a growing back-off
/// before the next try); once it has expired, the failure is thrown. All timing goes through the TimeProvider.
/// </summary>
internal abstract class RefreshingCredentialProvider : IDmsCredentialProvider
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    private readonly object _lock = new();
    private Cached? _cached;
    private Task<Cached>? _refresh;
    private DateTimeOffset _retryNotBefore;
    private int _failures;

    protected RefreshingCredentialProvider(DmsCredentialOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
    }

    public abstract string Source { get; }

    protected DmsCredentialOptions Options { get; }

    protected TimeProvider Time { get; }

    public ValueTask<DmsCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        // The hot path: a fresh credential, read without a lock.
        if (Volatile.Read(ref _cached) is { } cached && Time.GetUtcNow() < cached.RefreshAt)
        {
            return ValueTask.FromResult(cached.Credential);
        }

        return RefreshOrWaitAsync(cancellationToken);
    }

    /// <summary>Fetches a new credential with its expiration. Throws <see cref="DmsCredentialException"/> on failure.</summary>
    protected abstract Task<DmsCredential> FetchAsync(CancellationToken cancellationToken);

    public override string ToString() => Source;

    private async ValueTask<DmsCredential> RefreshOrWaitAsync(CancellationToken cancellationToken)
    {
        Task<Cached> refresh;
        lock (_lock)
        {
            // Checked again under the lock: a fetch that just finished has already stored its credential.
            var now = Time.GetUtcNow();
            var current = _cached;
            if (current is not null && (now < current.RefreshAt || (now < current.ExpiresAt && now < _retryNotBefore)))
            {
                return current.Credential;
            }

            // Not the caller's token: other callers wait for this fetch too, and its result is kept.
            if (_refresh is null)
            {
                _refresh = Task.Run(RefreshAsync, CancellationToken.None);

                // Every waiter may have been cancelled; the failure must not surface as an unobserved exception.
                _refresh.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            refresh = _refresh;
        }

        try
        {
            return (await refresh.WaitAsync(cancellationToken).ConfigureAwait(false)).Credential;
        }
        catch (DmsCredentialException exception)
        {
            var now = Time.GetUtcNow();
            if (Volatile.Read(ref _cached) is { } kept)
            {
                if (now < kept.ExpiresAt)
                {
                    return kept.Credential;
                }

                throw new DmsCredentialException(Source, $"the credential expired at {kept.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ} and could not be refreshed: {exception.Problem}", exception);
            }

            throw;
        }
    }

    private async Task<Cached> RefreshAsync()
    {
        try
        {
            DmsCredential credential;
            try
            {
                credential = await FetchAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not DmsCredentialException)
            {
                throw new DmsCredentialException(Source, $"the credential could not be fetched ({exception.GetType().Name}: {exception.Message})", exception);
            }

            var now = Time.GetUtcNow();
            var expires = credential.Expiration ?? DateTimeOffset.MaxValue;
            if (expires <= now)
            {
                throw new DmsCredentialException(Source, $"the new credential had already expired ({expires:yyyy-MM-ddTHH:mm:ssZ}); check the clock");
            }

            var fresh = new Cached(credential, RefreshTime(now, expires), expires);
            lock (_lock)
            {
                _cached = fresh;
                _failures = 0;
                _refresh = null;
            }

            return fresh;
        }
        catch (DmsCredentialException)
        {
            lock (_lock)
            {
                _failures++;
                _retryNotBefore = Time.GetUtcNow() + Backoff(_failures);
                _refresh = null;
            }

            throw;
        }
    }

    /// <summary>Expiry minus the margin, or half-way through a life shorter than twice the margin.</summary>
    private DateTimeOffset RefreshTime(DateTimeOffset now, DateTimeOffset expires)
    {
        if (expires == DateTimeOffset.MaxValue)
        {
            return expires;
        }

        var life = expires - now;
        return life >= Options.RefreshMargin * 2 ? expires - Options.RefreshMargin : now + (life / 2);
    }

    // 1 s, 2 s, 4 s, ... up to a minute: a failing service is not hit by every call while the old credential lasts.
    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures, 16) - 1), MaxBackoff.TotalSeconds));

    private sealed record Cached(DmsCredential Credential, DateTimeOffset RefreshAt, DateTimeOffset ExpiresAt);
}
