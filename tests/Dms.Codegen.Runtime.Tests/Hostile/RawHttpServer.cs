using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// A TCP server on 127.0.0.1 that answers each request with bytes the test writes itself, then closes the
/// connection: what Kestrel refuses to send (cut chunks, lying lengths, bytes no header may hold, odd status lines).
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, byte[]> _answer;
    private readonly Task _loop;
    private int _count;

    private RawHttpServer(Func<int, byte[]> answer)
    {
        _answer = answer;
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = AcceptAsync();
    }

    public Uri Endpoint { get; }

    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>Answers the n-th request (from 1) with <paramref name="answer"/>(n), as is.</summary>
    public static RawHttpServer Start(Func<int, byte[]> answer) => new(answer);

    /// <summary>Answers every request with the same text, sent as Latin-1 (one byte a character, so any byte can be written).</summary>
    public static RawHttpServer Start(string answer) => new(_ => Encoding.Latin1.GetBytes(answer));

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                // The request's head and the body its Content-Length declares, then one answer and the end of the connection.
                var received = new StringBuilder();
                var buffer = new byte[8192];
                int headEnd;
                while ((headEnd = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }

                var head = received.ToString(0, headEnd + 2);
                var lengthAt = head.IndexOf("\r\nContent-Length:", StringComparison.OrdinalIgnoreCase);
                var length = lengthAt < 0 ? 0 : int.Parse(head.AsSpan(lengthAt + 17, head.IndexOf('\r', lengthAt + 2) - lengthAt - 17).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                while (received.Length < headEnd + 4 + length)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }

                await socket.SendAsync(_answer(Interlocked.Increment(ref _count)), SocketFlags.None, _stop.Token);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away, or the server stopped.
            }
        }
    }
}
