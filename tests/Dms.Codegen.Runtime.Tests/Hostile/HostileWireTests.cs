using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// What Kestrel would not send, written byte for byte by <see cref="RawHttpServer"/>: chunks cut or malformed,
/// a Content-Length shorter than the body, header values with bytes no header may hold, a huge request id,
/// headers beyond the handler's limit, absurd retry-after values, informational statuses.
/// </summary>
public class HostileWireTests
{
    private const string Ok = """{"RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"INIT"}}""";

    public static TheoryData<string, string, string?> BrokenBodies() => new()
    {
        { "a chunk cut mid-way", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n{\"RequestId\":\"R1\",\"Succ", null },
        { "a chunk size that is not hex", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", null },
        { "no last chunk", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + $"{Ok.Length:x}\r\n{Ok}\r\n", null },
        { "a Content-Length shorter than the body", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n" + Ok, "R1" },
        { "a Content-Length longer than the body", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-acs-request-id: H1\r\nContent-Length: 500\r\n\r\n" + Ok, "H1" },
        { "a gzip body cut mid-way", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\n\u001f\u008b\b\0\0\0\0\0\0\u0003\u00ab\u0056", null },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task ABodyBrokenOnTheWireIsAnInvalidResponse(string shape, string answer, string? requestId)
    {
        await using var server = RawHttpServer.Start(answer);
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, requestId);

        Assert.Equal(1, exception.Attempts);
        Assert.Equal(1, server.RequestCount);
        Assert.True(shape.Length > 0);
    }

    public static TheoryData<string, string> OddHeaders() => new()
    {
        { "a request id of Latin-1 bytes", "x-acs-request-id: R\u00ff\u00e91\r\n" },
        { "an unknown header of bytes 0x80-0xFF", "x-odd: " + new string(Enumerable.Range(0x80, 0x80).Select(i => (char)i).ToArray()) + "\r\n" },
        { "a Content-Type no parser reads", "Content-Type: ;;;==\u00ff\r\n" },
        { "a Content-Encoding no parser reads", "Content-Encoding: ,,\u00ff,\r\n" },
        { "an x-acs-retry-after of bytes", "x-acs-retry-after: \u00ff\u00fe\r\n" },
    };

    [Theory]
    [MemberData(nameof(OddHeaders))]
    public async Task OddHeaderBytesOnAnErrorAreStillADmsException(string shape, string header)
    {
        const string error = """{"Code":"InvalidParameter","Message":"m","RequestId":"R1"}""";
        await using var server = RawHttpServer.Start($"HTTP/1.1 400 Bad Request\r\n{header}Content-Length: {error.Length}\r\n\r\n{error}");
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.True(exception.Code is "InvalidParameter" or DmsErrorCodes.InvalidResponse, $"{shape}: {exception.Code}");
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(200)]
    public async Task AHugeRequestIdHeaderIsCut(int status)
    {
        var id = new string('i', 60_000);
        var body = status == 200 ? """{"Success":false}""" : """{"Code":"InvalidParameter"}""";
        await using var server = RawHttpServer.Start($"HTTP/1.1 {status} X\r\nx-acs-request-id: {id}\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.StartsWith("iiii", exception.RequestId);
        Assert.InRange(exception.RequestId!.Length, 64, 257);
        Assert.True(exception.Message.Length <= HostileKit.MaxMessageChars);
    }

    [Fact]
    public async Task HeadersBeyondTheHandlersLimitAreATransportError()
    {
        var headers = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"x-h{i}: {new string('v', 64)}\r\n"));
        await using var server = RawHttpServer.Start($"HTTP/1.1 200 OK\r\n{headers}Content-Length: {Ok.Length}\r\n\r\n{Ok}");
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(DmsErrorCodes.TransportError, exception.Code);
        Assert.Null(exception.StatusCode);

        Assert.Equal(3, exception.Attempts);
    }

    public static TheoryData<string, int> AbsurdRetryAfter() => new()
    {
        { "x-acs-retry-after: -5", 3 },
        { "x-acs-retry-after: 1000000000000000000000000000000", 1 },
        { "x-acs-retry-after: soon", 3 },
        { "x-acs-retry-after: 1e3", 3 },
        { "x-acs-retry-after: 99999999999999", 1 },
        { "Retry-After: -1", 3 },
        { "Retry-After: 1000000000000000000000000000000", 1 },
        { "Retry-After: Thu, 01 Jan 1970 00:00:00 GMT", 3 },
        { "Retry-After: Fri, 31 Dec 9999 23:59:59 GMT", 1 },
    };

    [Theory]
    [MemberData(nameof(AbsurdRetryAfter))]
    public async Task AnAbsurdRetryAfterIsIgnoredOrEndsTheRetries(string header, int attempts)
    {
        const string error = """{"Code":"ServiceUnavailable","RequestId":"R1"}""";
        await using var server = RawHttpServer.Start($"HTTP/1.1 503 Unavailable\r\n{header}\r\nContent-Length: {error.Length}\r\n\r\n{error}");
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), "ServiceUnavailable", HttpStatusCode.ServiceUnavailable, "R1");

        Assert.Equal(attempts, exception.Attempts);
        Assert.Equal(attempts, server.RequestCount);
    }

    [Fact]
    public async Task InformationalAnswersBeforeTheRealOneAreSkipped()
    {
        await using var server = RawHttpServer.Start($"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: {Ok.Length}\r\n\r\n{Ok}");
        using var client = TestClients.Create(server.Endpoint);

        Assert.Equal("R1", (await client.GetDataTrackJobDegreeAsync(TestClients.Degree())).RequestId);
    }

    [Theory]
    [InlineData("HTTP/1.1 199 Odd\r\n\r\n")]
    [InlineData("HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 OK\r\n\r\n")]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("")]
    public async Task AStatusLineThatIsNoAnswerIsATransportError(string answer)
    {
        await using var server = RawHttpServer.Start(answer);
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(DmsErrorCodes.TransportError, exception.Code);
        Assert.Null(exception.StatusCode);

        Assert.Equal(3, exception.Attempts);
    }

    public static TheoryData<string, string[], string?> Encodings() => new()
    {
        { "gzip then br", new[] { "gzip", "br" }, "more than one Content-Encoding" },
        { "gzip twice, on two lines", new[] { "gzip", "gzip" }, "more than one Content-Encoding" },
        { "raw deflate, without its zlib header", new[] { "deflate" }, "could not be read" },
        // GZipStream would stop at the end of the gzip member and ignore what follows (gunzip warns); the runtime does not.
        { "gzip with garbage after it", new[] { "gzip" }, "other bytes follow it" },
        { "x-gzip", new[] { "x-gzip" }, null },
        { "GZIP", new[] { "GZIP" }, null },
        { "identity", new[] { "identity" }, null },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task StackedOrOddEncodingsAreDecodedOrAnInvalidResponse(string shape, string[] encodings, string? expected)
    {
        var json = System.Text.Encoding.UTF8.GetBytes(Ok);
        var body = shape switch
        {
            "gzip then br" => CompressionTests.Compress(CompressionTests.Compress(json, "gzip"), "br"),
            "gzip twice, on two lines" => CompressionTests.Compress(CompressionTests.Compress(json, "gzip"), "gzip"),
            "raw deflate, without its zlib header" => RawDeflate(json),
            "gzip with garbage after it" => CompressionTests.Compress(json, "gzip").Concat("garbage!"u8.ToArray()).ToArray(),
            "identity" => json,
            _ => CompressionTests.Compress(json, "gzip"),
        };
        var head = "HTTP/1.1 200 OK\r\n" + string.Concat(encodings.Select(e => $"Content-Encoding: {e}\r\n")) + $"Content-Length: {body.Length}\r\n\r\n";
        await using var server = RawHttpServer.Start(_ => System.Text.Encoding.Latin1.GetBytes(head).Concat(body).ToArray());
        using var client = TestClients.Create(server.Endpoint);

        if (expected is null)
        {
            Assert.Equal("R1", (await client.GetDataTrackJobDegreeAsync(TestClients.Degree())).RequestId);
            return;
        }

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, null);
        Assert.Contains(expected, exception.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task AHugeCodeAndHostIdAreCut()
    {
        var huge = new string('c', 1_000_000);
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, $$"""{"Code":"{{huge}}","HostId":"{{huge}}","RequestId":"{{huge}}"}""", 400));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.InRange(exception.Code!.Length, 64, 257);
        Assert.InRange(exception.HostId!.Length, 64, 257);
        Assert.InRange(exception.RequestId!.Length, 64, 257);
        Assert.True(exception.Message.Length <= HostileKit.MaxMessageChars, $"{exception.Message.Length} chars");
        Assert.True(exception.ToString().Length < 32 * 1024, "ToString is bounded too");
    }

    private static byte[] RawDeflate(byte[] data)
    {
        using var output = new System.IO.MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.Optimal))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }
}
