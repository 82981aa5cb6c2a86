using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// One HTTP/1.1 connection to a server that lives in the stream itself: each complete request written to it (its
/// headers, then Content-Length bytes of body) makes one canned response readable, as Kestrel would send it. Given
/// to <see cref="SocketsHttpHandler.ConnectCallback"/>, it lets a harness measure the real transport (HttpClient,
/// SocketsHttpHandler, its decompression handler, header writing and parsing) in process, without the kernel,
/// another process or thread wake-ups, whose cost swamps small differences on a busy machine.
/// </summary>
internal sealed class InMemoryConnection : Stream
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly byte[] _response;
    private readonly MemoryStream _requestHead = new();
    private long _bodyLeft = -1;
    private int _responseAt = -1;
    private TaskCompletionSource? _reader;

    public InMemoryConnection(byte[] body)
    {
        var head = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nContent-Type: application/json\r\nDate: {DateTimeOffset.UtcNow:R}\r\nServer: Kestrel\r\n\r\n";
        _response = [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    /// <summary>A handler whose every connection is one of these.</summary>
    public static SocketsHttpHandler Handler(byte[] body, System.Net.DecompressionMethods decompression = System.Net.DecompressionMethods.None) => new()
    {
        AutomaticDecompression = decompression,
        ConnectCallback = (_, _) => ValueTask.FromResult<Stream>(new InMemoryConnection(body)),
    };

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_responseAt < 0)
        {
            // An idle connection's read-ahead waits here for the next request.
            _reader = new TaskCompletionSource();
            await _reader.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = Math.Min(buffer.Length, _response.Length - _responseAt);
        _response.AsSpan(_responseAt, count).CopyTo(buffer.Span);
        _responseAt += count;
        if (_responseAt == _response.Length)
        {
            _responseAt = -1;
        }

        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_bodyLeft < 0)
            {
                // Still in the request's headers: keep them until the blank line, then read Content-Length.
                _requestHead.Write(buffer);
                var head = _requestHead.GetBuffer().AsSpan(0, (int)_requestHead.Length);
                var end = head.IndexOf(HeaderEnd);
                if (end < 0)
                {
                    return;
                }

                _bodyLeft = ContentLength(head[..end]);
                buffer = head[(end + HeaderEnd.Length)..].ToArray();
                _requestHead.SetLength(0);
            }

            var taken = (int)Math.Min(_bodyLeft, buffer.Length);
            _bodyLeft -= taken;
            buffer = buffer[taken..];
            if (_bodyLeft == 0)
            {
                _bodyLeft = -1;
                _responseAt = 0;
                _reader?.TrySetResult();
            }
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // SocketsHttpHandler writes the header in this casing; parsed without allocating, so that the server costs next to nothing.
    private static long ContentLength(ReadOnlySpan<byte> head)
    {
        var at = head.IndexOf("\r\nContent-Length: "u8);
        if (at < 0)
        {
            return 0;
        }

        System.Buffers.Text.Utf8Parser.TryParse(head[(at + 18)..], out long length, out _);
        return length;
    }
}
