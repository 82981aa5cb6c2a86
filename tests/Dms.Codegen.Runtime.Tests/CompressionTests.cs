using System;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Dms.Codegen.Tests;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// The runtime asks for compressed answers and decodes them itself, the same way for the client's own
/// HttpClient (which does no automatic decompression) and for a caller's plain one. The hostile cases
/// (invalid data, bombs) are in <see cref="Hostile.HostileBodyTests"/>.
/// </summary>
public class CompressionTests
{
    public static TheoryData<bool, string> Decoders() => Hostile.HostileBodyTests.Decoders();

    [Theory]
    [MemberData(nameof(Decoders))]
    public async Task ACompressedAnswerIsDecoded(bool ownHttpClient, string encoding)
    {
        var compressed = Compress(Encoding.UTF8.GetBytes(LoopbackServer.DegreeBody), encoding);
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, compressed, 200, encoding));
        using var http = new HttpClient();
        using var client = ownHttpClient ? TestClients.Create(server.Endpoint) : new DmsClient(Options(server), http);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal(DataTrackJobStatus.FilterSuccess, response.JobDegree!.JobStatus);
        Assert.Equal("gzip, deflate, br", Assert.Single(server.Received).Headers.AcceptEncoding.ToString());
    }

    [Fact]
    public async Task AnUnsupportedContentEncodingIsAnInvalidResponse()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, Encoding.UTF8.GetBytes(LoopbackServer.DegreeBody), 200, "compress"));
        using var client = TestClients.Create(server.Endpoint, o => o.Retry.MaxAttempts = 1);

        var exception = await Assert.ThrowsAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()));

        Assert.Equal(DmsErrorCodes.InvalidResponse, exception.Code);
        Assert.Contains("unsupported Content-Encoding (compress)", exception.Message);
    }

    private static DmsClientOptions Options(LoopbackServer server) => new()
    {
        Endpoint = server.Endpoint,
        Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret),
    };

    internal static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest),
            "br" => new BrotliStream(output, CompressionLevel.Fastest),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}
