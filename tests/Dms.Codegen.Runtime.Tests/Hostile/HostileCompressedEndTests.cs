using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// A compressed body must end where its compressed data ends. GZipStream, ZLibStream and BrotliStream return
/// what they decoded when the data stops early and ignore bytes after its end, so a body cut inside its
/// checksum, or padded, decodes to whole JSON; each case here is an InvalidResponse all the same.
/// </summary>
public class HostileCompressedEndTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(LoopbackServer.DegreeBody);

    /// <summary>Cuts that leave the JSON whole: inside gzip's 8-byte and zlib's 4-byte trailer, Brotli's last byte.</summary>
    public static TheoryData<string, int> Cuts() => new()
    {
        { "gzip", 1 },
        { "gzip", 4 },
        { "gzip", 5 },
        { "gzip", 8 },
        { "deflate", 1 },
        { "deflate", 4 },
        { "br", 1 },
    };

    public static TheoryData<string, string> Paddings()
    {
        var data = new TheoryData<string, string>();
        foreach (var encoding in new[] { "gzip", "deflate", "br" })
        {
            foreach (var padding in new[] { "00", "4A554E4B", "0000000000000000", "member" })
            {
                data.Add(encoding, padding);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task ABodyCutShortOfItsCompressedEndIsAnInvalidResponse(string encoding, int cut)
    {
        var compressed = CompressionTests.Compress(Body, encoding);

        var exception = await FailsAsync(compressed[..^cut], encoding);

        Assert.True(exception.Message.Contains("truncated", StringComparison.Ordinal), exception.Message);
    }

    [Theory]
    [MemberData(nameof(Paddings))]
    public async Task BytesAfterTheCompressedEndAreAnInvalidResponse(string encoding, string padding)
    {
        // "member": a second whole stream of the same encoding (for gzip a second member, which the check does not read).
        var compressed = CompressionTests.Compress(Body, encoding);
        var extra = padding == "member" ? CompressionTests.Compress("{}"u8.ToArray(), encoding) : Convert.FromHexString(padding);

        await FailsAsync([.. compressed, .. extra], encoding);
    }

    [Theory]
    [InlineData("gzip", 8)] // CRC-32
    [InlineData("gzip", 4)] // length
    [InlineData("deflate", 1)] // Adler-32
    public async Task AChecksumThatDoesNotMatchIsAnInvalidResponse(string encoding, int fromEnd)
    {
        var compressed = CompressionTests.Compress(Body, encoding);
        compressed[^fromEnd] ^= 0x01;

        // zlib itself checks a trailer that is all there; the runtime's own check covers one that is not.
        var exception = await FailsAsync(compressed, encoding);

        Assert.Contains("could not be read", exception.Message);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task ALargeCompressedBodyReadInManyPiecesPassesItsCheck(string encoding)
    {
        // About 2 MB decoded, half of it hard to compress, so that both sides are read in many pieces.
        var random = new Random(7);
        var pad = string.Concat(Enumerable.Range(0, 1 << 20).Select(i => i % 2 == 0 ? 'a' : (char)('a' + random.Next(26))));
        var body = Encoding.UTF8.GetBytes("{\"RequestId\":\"req-ok\",\"Success\":true,\"Pad\":\"" + pad + pad + "\",\"JobDegree\":{\"ListCompletionDegree\":1,\"JobStatus\":\"FILTER_SUCCESS\"}}");
        var compressed = CompressionTests.Compress(body, encoding);
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, compressed, 200, encoding));
        using var client = TestClients.Create(server.Endpoint, o => o.MaxResponseBytes = 4 * 1024 * 1024);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal(DataTrackJobStatus.FilterSuccess, response.JobDegree!.JobStatus);
        Assert.Equal(pad.Length * 2, response.AdditionalProperties!["Pad"].GetString()!.Length);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task AnEmptyBodyWithAContentEncodingIsReadAsEmpty(string encoding)
    {
        // A gateway's bare 503: judged by its status (and retried), not taken for broken compressed data.
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, [], 503, encoding));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.DoesNotContain("compressed", exception.Message);
        Assert.Equal(3, server.RequestCount);
    }

    private static async Task<DmsException> FailsAsync(byte[] body, string encoding)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, body, 200, encoding));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, null);

        Assert.Equal(1, server.RequestCount); // the same bytes would come again: not retried
        return exception;
    }
}
