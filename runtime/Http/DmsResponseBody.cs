using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Http;

/// <summary>
/// A response body read into pooled memory, at most <see cref="DmsClientOptions.MaxResponseBytes"/> bytes after
/// decompression, so that neither a huge body nor a decompression bomb can exhaust memory. A UTF-8 byte order mark
/// at the start is not part of the body (RFC 8259 lets a reader ignore it; Utf8JsonReader would refuse it). Dispose
/// returns the buffer.
/// </summary>
internal readonly struct DmsResponseBody : IDisposable
{
    /// <summary>The <c>Accept-Encoding</c> of requests whose answer is read whole: every encoding <see cref="Decoded"/> reads.</summary>
    internal const string AcceptedEncodings = "gzip, deflate, br";

    private const int FirstBuffer = 4096;

    private readonly byte[] _buffer;

    private readonly int _start;

    private DmsResponseBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _start = buffer.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
        Length = length - _start;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(_start, Length);

    /// <summary>Reads the whole body, decoding its <c>Content-Encoding</c> (the runtime asks for <see cref="AcceptedEncodings"/>; a handler with automatic decompression may have decoded it already).</summary>
    /// <exception cref="DmsBodyException">The body is larger than the limit, or could not be read or decompressed.</exception>
    public static async ValueTask<DmsResponseBody> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        // Looked up without parsing: small answers usually come uncompressed.
        var encoded = content.Headers.NonValidated.Contains("Content-Encoding");
        var declared = content.Headers.ContentLength;
        if (declared > limit && !encoded)
        {
            throw TooLarge(limit);
        }

        // One byte more than a declared length lets the end of the stream be seen without growing.
        var size = (int)Math.Min(declared is > 0 and var known and < FirstBuffer * 16 ? known + 1 : FirstBuffer, limit);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var decoded = encoded ? Decoded(stream, content) : stream;
            await using (decoded.ConfigureAwait(false))
            {
                while (true)
                {
                    // The pool may hand out more than was asked for; never more than the limit is read into it.
                    var room = (int)Math.Min(buffer.Length, limit) - length;
                    if (room == 0)
                    {
                        if (length >= limit)
                        {
                            // Full at the limit: one more byte makes the body too large (and is all that is read of the rest).
                            if (await decoded.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
                            {
                                throw TooLarge(limit);
                            }

                            break;
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                        continue;
                    }

                    var read = await decoded.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }

            return new DmsResponseBody(buffer, length);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or HttpRequestException or InvalidOperationException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new DmsBodyException(DmsErrorCodes.InvalidResponse, $"the body could not be read ({exception.Message})", exception);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    /// <summary>
    /// The body as its <c>Content-Encoding</c> says to read it (none, gzip, deflate or Brotli); reading invalid,
    /// truncated or padded data throws <see cref="InvalidDataException"/> (see <see cref="DmsCheckedDecoding"/>).
    /// </summary>
    /// <exception cref="DmsBodyException">More than one encoding, or one the runtime cannot read.</exception>
    internal static Stream Decoded(Stream stream, HttpContent content)
    {
        var encodings = content.Headers.ContentEncoding;
        if (encodings.Count == 0)
        {
            return stream;
        }

        if (encodings.Count > 1)
        {
            throw new DmsBodyException(DmsErrorCodes.InvalidResponse, $"the body has more than one Content-Encoding ({string.Join(", ", encodings)})", null);
        }

        foreach (var encoding in encodings)
        {
            switch (encoding.ToLowerInvariant())
            {
                case "gzip" or "x-gzip": return DmsCheckedDecoding.Gzip(stream);
                case "deflate": return DmsCheckedDecoding.Zlib(stream);
                case "br": return DmsCheckedDecoding.Brotli(stream);
                case "identity": return stream;
            }
        }

        throw new DmsBodyException(DmsErrorCodes.InvalidResponse, $"the body has an unsupported Content-Encoding ({string.Join(", ", encodings)})", null);
    }

    private static DmsBodyException TooLarge(long limit) =>
        new(DmsErrorCodes.ResponseTooLarge, $"the response body is larger than MaxResponseBytes ({limit} bytes after decompression); raise DmsClientOptions.MaxResponseBytes if such answers are expected", null);
}

/// <summary>A body that could not be read: the code is <see cref="DmsErrorCodes.InvalidResponse"/> or <see cref="DmsErrorCodes.ResponseTooLarge"/>.</summary>
internal sealed class DmsBodyException : Exception
{
    public DmsBodyException(string code, string message, Exception? innerException)
        : base(message, innerException) => Code = code;

    public string Code { get; }
}
