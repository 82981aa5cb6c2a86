using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>What every hostile-response test checks: the call ends in a DmsException (that exact type) with a stable code.</summary>
internal static class HostileKit
{
    /// <summary>An exception message quotes at most 4 Ki characters of what the server sent, plus its own words.</summary>
    public const int MaxMessageChars = 8 * 1024;

    /// <summary>Byte sequences that are never valid UTF-8: a lone 0xFF, an overlong '/', an encoded surrogate, a cut 3-byte sequence.</summary>
    public static readonly byte[][] InvalidUtf8 =
    {
        new byte[] { 0xFF },
        new byte[] { 0xC0, 0xAF },
        new byte[] { 0xED, 0xA0, 0x80 },
        new byte[] { 0xE6, 0x95 },
    };

    /// <summary>The UTF-8 of <paramref name="template"/> with each <c>&lt;BAD&gt;</c> replaced by <paramref name="bad"/>.</summary>
    public static byte[] WithBytes(string template, byte[] bad)
    {
        var parts = template.Split("<BAD>");
        Assert.True(parts.Length > 1, "the template has a place for the bad bytes");
        return parts.Select(p => Encoding.UTF8.GetBytes(p)).Aggregate((a, b) => a.Concat(bad).Concat(b).ToArray());
    }

    /// <summary>Asserts a DmsException (not a subclass, not a framework exception) with the code, status and request id.</summary>
    public static async Task<DmsException> FailsWith(Func<Task> call, string code, HttpStatusCode status, string? requestId)
    {
        var exception = await Assert.ThrowsAsync<DmsException>(call);
        Assert.Equal(code, exception.Code);
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal(requestId, exception.RequestId);
        Assert.StartsWith("DMS ", exception.Message);
        Assert.True(exception.Message.Length <= MaxMessageChars, $"the message is bounded ({exception.Message.Length} chars)");
        Assert.NotNull(exception.RawBody);
        return exception;
    }

    /// <summary>A body whose <c>ListCompletionDegree</c> (a double) has the given JSON text.</summary>
    public static string Degree(string value) =>
        $$$"""{"RequestId":"R1","Success":true,"JobDegree":{"ListCompletionDegree":{{{value}}},"JobStatus":"INIT"}}""";
}
