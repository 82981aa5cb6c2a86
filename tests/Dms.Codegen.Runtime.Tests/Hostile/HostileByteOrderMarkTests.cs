using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>A UTF-8 byte order mark before the JSON is ignored (RFC 8259 lets a reader do so, as JsonSerializer does); it is no body itself.</summary>
public class HostileByteOrderMarkTests
{
    [Fact]
    public async Task AByteOrderMarkBeforeTheObjectIsIgnored()
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, "\uFEFF{\"RequestId\":\"R1\",\"Success\":true,\"JobDegree\":{\"JobStatus\":\"INIT\"}}"u8.ToArray()));
        using var client = TestClients.Create(server.Endpoint);

        var response = await client.GetDataTrackJobDegreeAsync(TestClients.Degree());

        Assert.Equal("R1", response.RequestId);
        Assert.Equal("INIT", response.JobDegree!.JobStatus!.Value.Value);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' })]
    public async Task AByteOrderMarkIsNoBodyItself(byte[] body)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Bytes(c, body));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, null);

        Assert.Equal(body.Length - 3, exception.RawBodyBytes.Length);
    }
}
