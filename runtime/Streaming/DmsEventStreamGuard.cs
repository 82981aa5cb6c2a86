using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;

namespace Dms.Codegen.Streaming;

/// <summary>
/// The response body of a stream as the SSE parser reads it, with two guards: each read must bring bytes within
/// the idle timeout (on the client's clock), and no event may grow beyond the size limit, counted from the last
/// blank line, so that a hostile server cannot make the parser buffer without bound. An event the server
/// leaves unterminated at the end of the stream is terminated, so that it is delivered. What it stops is thrown
/// as a <see cref="DmsStreamFailure"/>, for the call to judge.
/// </summary>
internal sealed class DmsEventStreamGuard : DmsReadOnlyStream
{
    private readonly Stream _inner;
    private readonly long _maxEventBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _clock;
    private long _eventBytes;
    private bool _atLineStart = true;
    private bool _afterCarriageReturn;

    public DmsEventStreamGuard(Stream inner, long maxEventBytes, TimeSpan idleTimeout, TimeProvider clock)
    {
        _inner = inner;
        _maxEventBytes = maxEventBytes;
        _idleTimeout = idleTimeout;
        _clock = clock;
    }

    /// <summary>Set once the first byte of the body has arrived: from then on the call is not retried.</summary>
    public bool Started { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_idleTimeout == Timeout.InfiniteTimeSpan)
        {
            read = await ReadDecodedAsync(_inner, buffer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var idle = new CancellationTokenSource(_idleTimeout, _clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            try
            {
                read = await ReadDecodedAsync(_inner, buffer, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(exception.Message, exception, cancellationToken);
            }
            catch (OperationCanceledException exception) when (idle.IsCancellationRequested)
            {
                throw new DmsStreamFailure(new DmsFailure(DmsFailureKind.AttemptTimeout, DmsErrorCodes.Timeout, $"sent no data for {DmsCall.Seconds(_idleTimeout)}; the stream was closed") { Inner = exception });
            }
        }

        if (read == 0 && buffer.Length > 0 && _eventBytes > 0)
        {
            // The server closed the stream right after an event's last line: end the event as a blank line would,
            // so that it is delivered (as Alibaba's Go client does) rather than dropped (as WHATWG parsers do).
            buffer.Span[0] = (byte)'\n';
            read = 1;
        }

        Count(buffer.Span[..read]);
        return read;
    }

    /// <summary>A read of a body that may be compressed: data the decoder cannot read is an InvalidResponse, never a raw decoder exception.</summary>
    private static async ValueTask<int> ReadDecodedAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw new DmsStreamFailure(new DmsFailure(DmsFailureKind.InvalidResponse, DmsErrorCodes.InvalidResponse, $"sent a body that could not be decompressed ({exception.Message}); the stream was closed") { Inner = exception });
        }
    }

    public override int Read(Span<byte> buffer) => throw new NotSupportedException("The event stream is read asynchronously.");

    public override ValueTask DisposeAsync() => _inner.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Counts the bytes of the current event; CR, LF and CRLF end a line, and an empty line ends the event.</summary>
    private void Count(ReadOnlySpan<byte> bytes)
    {
        Started |= bytes.Length > 0;
        foreach (var b in bytes)
        {
            if (b == (byte)'\n' && _afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                continue;
            }

            _afterCarriageReturn = b == (byte)'\r';
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (_atLineStart)
                {
                    _eventBytes = 0;
                }

                _atLineStart = true;
                continue;
            }

            _atLineStart = false;
            if (++_eventBytes > _maxEventBytes)
            {
                throw new DmsStreamFailure(new DmsFailure(DmsFailureKind.TooLarge, DmsErrorCodes.ResponseTooLarge, $"sent an event larger than MaxResponseBytes ({_maxEventBytes} bytes); the stream was closed; raise DmsClientOptions.MaxResponseBytes if such events are expected"));
            }
        }
    }
}
