using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// <see cref="DmsCheckedDecoding"/> read the hard way: the raw body arrives a byte at a time and is read into
/// tiny buffers, synchronously and asynchronously, so every refill and trailer shift is taken.
/// </summary>
public class CheckedDecodingTests
{
    private static readonly byte[] Data = System.Text.Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("{\"RequestId\":\"r\",\"Success\":true} ", 500)));

    public static TheoryData<string, bool> Ways() => new()
    {
        { "gzip", false }, { "gzip", true }, { "deflate", false }, { "deflate", true }, { "br", false }, { "br", true },
    };

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task AWholeBodyDecodesByteByByte(string encoding, bool async)
    {
        var decoded = await DecodeAsync(CompressionTests.Compress(Data, encoding), encoding, async);

        Assert.Equal(Data, decoded);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task ACutOrPaddedBodyThrowsInvalidData(string encoding, bool async)
    {
        var compressed = CompressionTests.Compress(Data, encoding);

        await Assert.ThrowsAsync<InvalidDataException>(() => DecodeAsync(compressed[..^1], encoding, async));
        await Assert.ThrowsAsync<InvalidDataException>(() => DecodeAsync([.. compressed, 0], encoding, async));
    }

    private static async Task<byte[]> DecodeAsync(byte[] compressed, string encoding, bool async)
    {
        var raw = new Trickle(compressed);
        using var stream = encoding switch
        {
            "gzip" => DmsCheckedDecoding.Gzip(raw),
            "deflate" => DmsCheckedDecoding.Zlib(raw),
            _ => DmsCheckedDecoding.Brotli(raw),
        };
        var output = new MemoryStream();
        var buffer = new byte[7];
        int read;
        while ((read = async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        Assert.Equal(0, async ? await stream.ReadAsync(buffer) : stream.Read(buffer)); // the end stays the end
        return output.ToArray();
    }

    /// <summary>Hands out one byte per read.</summary>
    private sealed class Trickle : Stream
    {
        private readonly byte[] _data;
        private int _position;

        public Trickle(byte[] data) => _data = data;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty || _position == _data.Length)
            {
                return 0;
            }

            buffer[0] = _data[_position++];
            return 1;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
