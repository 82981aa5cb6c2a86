using System;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>Tests that measure the process's allocations run alone, so that no other test's work is counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    public const string Name = "Memory-measuring tests";
}

/// <summary>
/// Bodies that cannot be read whole: broken compressed data, a body cut short, a decompression bomb, bodies over
/// MaxResponseBytes, huge error bodies. Each is a DmsException with a stable code, and memory stays bounded.
/// </summary>
[Collection(MemoryMeasuringCollection.Name)]
public class HostileBodyTests
{
    private const int Limit = 1024 * 1024;

    private readonly ITestOutputHelper _output;

    public HostileBodyTests(ITestOutputHelper output) => _output = output;

    // 100 MB of zeros inflate from about 100 KB of gzip: made once, outside any measurement.
    private static readonly Lazy<byte[]> Bomb = new(() => Compress(100 * 1024 * 1024));

    /// <summary>Both ways to the wire leave decoding to the runtime: the client's own handler (no automatic decompression) and a caller's plain HttpClient.</summary>
    public static TheoryData<bool, string> Decoders() => new()
    {
        { true, "gzip" },
        { true, "deflate" },
        { true, "br" },
        { false, "gzip" },
        { false, "deflate" },
        { false, "br" },
    };

    [Theory]
    [MemberData(nameof(Decoders))]
    public async Task InvalidCompressedDataIsAnInvalidResponse(bool ownHttpClient, string encoding)
    {
        var garbage = "this is not compressed data at all, just text claiming to be"u8.ToArray();
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, garbage, 200, encoding));
        using var http = new HttpClient();
        using var client = Client(server, ownHttpClient ? null : http, Limit);

        // Garbage may fail in the decoder or decode to bytes that are not JSON: either way the answer cannot be read.
        await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, null);

        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task ABodyShorterThanItsContentLengthIsAnInvalidResponse()
    {
        await using var server = await LoopbackServer.StartAsync(async (c, _) =>
        {
            c.Response.ContentLength = 10_000;
            c.Response.Headers["x-acs-request-id"] = "CUT1";
            await c.Response.Body.WriteAsync("""{"RequestId":"CUT1","Success":true,"JobDegree":{"""u8.ToArray());
            await c.Response.Body.FlushAsync();

            // Ending with fewer bytes than declared, Kestrel sends what was written and closes the connection.
        });
        using var client = Client(server, null, Limit);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, "CUT1");

        Assert.Contains("could not be read", exception.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ADecompressionBombStopsAtTheLimitWithBoundedMemory(bool ownHttpClient)
    {
        var bomb = Bomb.Value;
        Assert.True(bomb.Length < 500 * 1024, $"the bomb is small on the wire ({bomb.Length} bytes)");
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, bomb, 200, "gzip"));
        using var http = new HttpClient();
        using var client = Client(server, ownHttpClient ? null : http, Limit);

        var (exception, allocated) = await MeasureAsync(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        _output.WriteLine($"bomb of {bomb.Length:N0} bytes, own HttpClient {ownHttpClient}: {allocated:N0} bytes allocated");
        Assert.Equal(DmsErrorCodes.ResponseTooLarge, exception.Code);
        Assert.Contains("MaxResponseBytes", exception.Message);
        Assert.True(allocated < 4L * Limit, $"reading a 100 MB bomb with a 1 MiB limit allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APlainBodyOverTheLimitStopsThereWithBoundedMemory(bool declaresLength)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => Stream(c, 200, 64L * 1024 * 1024, declaresLength, "{\"RequestId\":\"R1\",\"Success\":true,\"Pad\":\"", '0'));
        using var client = Client(server, null, Limit);

        var (exception, allocated) = await MeasureAsync(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        _output.WriteLine($"64 MB body, Content-Length declared {declaresLength}: {allocated:N0} bytes allocated");
        Assert.Equal(DmsErrorCodes.ResponseTooLarge, exception.Code);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Contains($"MaxResponseBytes ({Limit} bytes", exception.Message);
        Assert.True(allocated < 4L * Limit, $"a 64 MB body with a 1 MiB limit allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task AHugeErrorBodyIsTooLargeAndTheExceptionStaysSmall()
    {
        // 20 MB of error JSON against the default 16 MiB limit.
        await using var server = await LoopbackServer.StartAsync((c, _) => Stream(c, 400, 20L * 1024 * 1024, declaresLength: false, "{\"Code\":\"InvalidParameter\",\"RequestId\":\"BIG\",\"Message\":\"", 'm'));
        using var client = Client(server, null, DmsClientOptions.DefaultMaxResponseBytes);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.ResponseTooLarge, HttpStatusCode.BadRequest, null);

        Assert.True(exception.RawBody!.Length < 1024, "nothing of a body over the limit is kept");
    }

    [Fact]
    public async Task AFiveMegabyteMessageIsBoundedInTheExceptionAndRawBody()
    {
        var message = new string('m', 5 * 1024 * 1024);
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, $$"""{"Code":"InvalidParameter","Message":"{{message}}","RequestId":"BIG","Recommend":"https://r/{{message}}"}""", 400));
        using var client = Client(server, null, DmsClientOptions.DefaultMaxResponseBytes);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), "InvalidParameter", HttpStatusCode.BadRequest, "BIG");

        Assert.InRange(exception.RawBody!.Length, 1024, 64 * 1024 + 1);
        Assert.InRange(exception.ServiceMessage!.Length, 1024, 4097);
        Assert.InRange(exception.Recommend!.Length, 1024, 4097);
        Assert.True(exception.ToString().Length < 32 * 1024, "ToString is bounded too");
    }

    private static Api.DmsClient Client(LoopbackServer server, HttpClient? http, long limit)
    {
        var options = new DmsClientOptions
        {
            Endpoint = server.Endpoint,
            Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret),
            MaxResponseBytes = limit,
            Retry = { MaxAttempts = 1 },
        };
        return http is null ? new Api.DmsClient(options) : new Api.DmsClient(options, http);
    }

    /// <summary>The DmsException a call ends in and the bytes the whole process allocated meanwhile (this collection runs alone).</summary>
    private static async Task<(DmsException Exception, long Allocated)> MeasureAsync(Func<Task> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var exception = await Assert.ThrowsAsync<DmsException>(call);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (exception, allocated);
    }

    /// <summary>Writes a JSON prefix and then one character repeated, in 64 KiB chunks, until the length or until the client goes.</summary>
    private static async Task Stream(HttpContext context, int status, long length, bool declaresLength, string prefix, char fill)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (declaresLength)
        {
            context.Response.ContentLength = length;
        }

        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)fill);
        try
        {
            await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(prefix), context.RequestAborted);
            for (var sent = (long)prefix.Length; sent < length; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)), context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client stopped reading at its limit and went away.
        }
    }

    private static byte[] Compress(int zeros)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            var block = new byte[1024 * 1024];
            for (var i = 0; i < zeros / block.Length; i++)
            {
                gzip.Write(block);
            }
        }

        return output.ToArray();
    }
}
