using System;
using System.Threading;

namespace Dms.Codegen.Http;

/// <summary>A token that cancels when its parent does or when a timeout on the client's <see cref="TimeProvider"/> passes.</summary>
internal readonly struct DmsDeadline : IDisposable
{
    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _link;

    private DmsDeadline(CancellationTokenSource? source, CancellationTokenRegistration link, CancellationToken token)
    {
        _source = source;
        _link = link;
        Token = token;
    }

    public CancellationToken Token { get; }

    /// <summary>No timer at all for an infinite timeout: the parent's token is used as it is.</summary>
    public static DmsDeadline Start(CancellationToken parent, TimeSpan timeout, TimeProvider time)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new(null, default, parent);
        }

        var source = new CancellationTokenSource(timeout, time);
        var link = parent.CanBeCanceled ? parent.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source) : default;
        return new(source, link, source.Token);
    }

    public void Dispose()
    {
        _link.Dispose();
        _source?.Dispose();
    }
}
