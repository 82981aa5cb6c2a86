using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Http;

/// <summary>
/// Compressed bodies decoded and checked to their end. GZipStream, ZLibStream and BrotliStream return what they
/// could decode when the data stops early (a gzip or zlib stream without its checksum, a Brotli stream cut
/// anywhere) and ignore bytes after its end, so a truncated or padded body would pass as whole. Here the end of
/// the body must be the end of the compressed data: gzip's CRC-32 and length and zlib's Adler-32 must match what
/// was decoded, a Brotli stream must be complete, and nothing may follow; otherwise a read throws
/// <see cref="InvalidDataException"/>, which the body reader and the event stream turn into an InvalidResponse.
/// An empty body is read as empty. A gzip body of several members (RFC 1952 allows it; HTTP servers send one)
/// fails the check, because only the last member's trailer can be seen.
/// </summary>
internal static class DmsCheckedDecoding
{
    public static Stream Gzip(Stream raw) => new Inflating(raw, gzip: true);

    public static Stream Zlib(Stream raw) => new Inflating(raw, gzip: false);

    public static Stream Brotli(Stream raw) => new DmsBrotliReader(raw);

    internal static InvalidDataException Trailing() => new("bytes follow the end of the compressed data");

    internal static InvalidDataException Truncated(string format) => new($"the {format} data stops before the end of its stream (truncated)");

    /// <summary>GZipStream or ZLibStream, whose output is hashed as it is read and compared with the trailer at the end.</summary>
    private sealed class Inflating : DmsReadOnlyStream
    {
        private readonly Tail _raw;
        private readonly Stream _decoder;
        private readonly Crc32? _crc;
        private readonly Adler32 _adler = new();
        private long _length;
        private bool _checked;

        public Inflating(Stream raw, bool gzip)
        {
            _raw = new Tail(raw);
            _decoder = gzip ? new GZipStream(_raw, CompressionMode.Decompress) : new ZLibStream(_raw, CompressionMode.Decompress);
            _crc = gzip ? new Crc32() : null;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = _decoder.Read(buffer);
            if (read > 0 || buffer.IsEmpty)
            {
                return Seen(buffer[..read]);
            }

            // The decoder is done: the raw body must be too (one byte is all that is read of anything after it).
            if (!_checked && _raw.Read(stackalloc byte[1]) > 0)
            {
                throw Trailing();
            }

            Check();
            return 0;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await _decoder.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0 || buffer.IsEmpty)
            {
                return Seen(buffer.Span[..read]);
            }

            if (!_checked && await _raw.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
            {
                throw Trailing();
            }

            Check();
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _decoder.Dispose(); // and the raw body with it
            }

            base.Dispose(disposing);
        }

        private int Seen(ReadOnlySpan<byte> decoded)
        {
            if (_crc is { } crc)
            {
                crc.Append(decoded);
            }
            else
            {
                _adler.Append(decoded);
            }

            _length += decoded.Length;
            return decoded.Length;
        }

        private void Check()
        {
            if (_checked || _raw.Total == 0)
            {
                _checked = true;
                return;
            }

            _checked = true;
            var tail = _raw.Last8;
            var whole = _crc is { } crc
                ? _raw.Total >= 18 && BinaryPrimitives.ReadUInt32LittleEndian(tail) == crc.GetCurrentHashAsUInt32() && BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) == (uint)_length
                : _raw.Total >= 6 && BinaryPrimitives.ReadUInt32BigEndian(tail[4..]) == _adler.Value;
            if (!whole)
            {
                throw new InvalidDataException(_crc is null
                    ? "the deflate (zlib) data does not end with the Adler-32 of what it decoded to: it is truncated or corrupt, or other bytes follow it"
                    : "the gzip data does not end with the CRC-32 and length of what it decoded to: it is truncated or corrupt, or other bytes follow it (a body of several gzip members is not read)");
            }
        }
    }

    /// <summary>The raw body, remembering its last 8 bytes (a gzip trailer; a zlib one is the last 4) and how much was read.</summary>
    private sealed class Tail : DmsReadOnlyStream
    {
        private readonly Stream _inner;
        private readonly byte[] _last = new byte[8];

        public Tail(Stream inner) => _inner = inner;

        public long Total { get; private set; }

        public ReadOnlySpan<byte> Last8 => _last;

        public override int Read(Span<byte> buffer) => Keep(buffer[.._inner.Read(buffer)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Keep(buffer.Span[..read]);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Keep(ReadOnlySpan<byte> read)
        {
            if (read.Length >= 8)
            {
                read[^8..].CopyTo(_last);
            }
            else if (read.Length > 0)
            {
                _last.AsSpan(read.Length).CopyTo(_last); // shift the older bytes left
                read.CopyTo(_last.AsSpan(8 - read.Length));
            }

            Total += read.Length;
            return read.Length;
        }
    }

    /// <summary>RFC 1950's Adler-32, summed in blocks short enough that the sums cannot overflow between reductions.</summary>
    private sealed class Adler32
    {
        private const uint Base = 65521;
        private const int Block = 5552;
        private uint _a = 1;
        private uint _b;

        public uint Value => (_b << 16) | _a;

        public void Append(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                var block = data[..Math.Min(Block, data.Length)];
                foreach (var value in block)
                {
                    _a += value;
                    _b += _a;
                }

                _a %= Base;
                _b %= Base;
                data = data[block.Length..];
            }
        }
    }
}
