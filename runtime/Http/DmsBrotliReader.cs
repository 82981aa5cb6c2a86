using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Http;

/// <summary>
/// A Brotli body read through <see cref="BrotliDecoder"/>, which says when the compressed stream is complete
/// (BrotliStream does not): data that stops before the end, or bytes after it, throw
/// <see cref="InvalidDataException"/>, as invalid data does. Each read decodes what is buffered
/// (<see cref="Step"/>) and refills the buffer only when the decoder needs more.
/// </summary>
internal sealed class DmsBrotliReader : DmsReadOnlyStream
{
    private const int NeedsInput = -1;
    private readonly Stream _raw;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private BrotliDecoder _decoder;
    private int _start;
    private int _end;
    private long _total;
    private bool _rawEnded;
    private bool _done;

    public DmsBrotliReader(Stream raw) => _raw = raw;

    public override int Read(Span<byte> buffer)
    {
        int read;
        while ((read = Step(buffer)) == NeedsInput)
        {
            Filled(_raw.Read(Room().Span));
        }

        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        while ((read = Step(buffer.Span)) == NeedsInput)
        {
            Filled(await _raw.ReadAsync(Room(), cancellationToken).ConfigureAwait(false));
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoder.Dispose();
            _raw.Dispose();
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = Array.Empty<byte>();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Decoded bytes, 0 at the checked end, or <see cref="NeedsInput"/> when the raw body must be read first.</summary>
    private int Step(Span<byte> destination)
    {
        if (_done)
        {
            // Complete: the raw body must end here too (one more read shows it; a byte is all it takes).
            if (_end > _start)
            {
                throw DmsCheckedDecoding.Trailing();
            }

            return _rawEnded || destination.IsEmpty ? 0 : NeedsInput;
        }

        if (destination.IsEmpty)
        {
            return 0;
        }

        var status = _decoder.Decompress(_buffer.AsSpan(_start, _end - _start), destination, out var consumed, out var written);
        _start += consumed;
        switch (status)
        {
            case OperationStatus.InvalidData:
                throw new InvalidDataException("the Brotli data is invalid");
            case OperationStatus.Done:
                _done = true;
                return written > 0 ? written : Step(destination);
            case OperationStatus.NeedMoreData when written == 0:
                if (_rawEnded)
                {
                    return _total == 0 ? 0 : throw DmsCheckedDecoding.Truncated("Brotli");
                }

                return NeedsInput;
            default:
                return written; // DestinationTooSmall, or some output before more input is needed
        }
    }

    /// <summary>The free end of the buffer, after moving what the decoder left unread to its start.</summary>
    private Memory<byte> Room()
    {
        var left = _end - _start;
        _buffer.AsSpan(_start, left).CopyTo(_buffer);
        (_start, _end) = (0, left);
        return _buffer.AsMemory(_end);
    }

    private void Filled(int read)
    {
        if (read == 0)
        {
            _rawEnded = true;
            return;
        }

        _end += read;
        _total += read;
    }
}
