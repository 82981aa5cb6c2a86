using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>Failing calls leave no secret, token or signature in logs, exception messages or ToString().</summary>
public class SecretTests
{
    [Fact]
    public async Task LogsAndExceptionsOfFailingCallsNeverContainSecrets()
    {
        var signatures = new List<string>();
        await using var server = await LoopbackServer.StartAsync((c, n) =>
        {
            signatures.Add(c.Request.Headers.Authorization.ToString().Split("Signature=").Last());
            return n switch
            {
                1 => LoopbackServer.Json(c, """{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation.","RequestId":"A"}""", 400),
                2 => LoopbackServer.Json(c, """{"RequestId":"B","Success":false,"ErrorCode":"UnknownError","ErrorMessage":"no"}"""),
                3 => LoopbackServer.Json(c, "not json", 500),
                _ => AbortAsync(c),
            };
        });
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var client = TestClients.Create(server.Endpoint, o =>
        {
            o.Credentials = DmsCredentials.AccessKey(TestClients.KeyId, TestClients.Secret, TestClients.Token);
            o.LoggerFactory = factory;
            o.Retry.MaxAttempts = 1;
        });

        var failures = new List<Exception>();
        for (var i = 0; i < 4; i++)
        {
            failures.Add(await Assert.ThrowsAnyAsync<DmsException>(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree())));
        }

        Assert.Equal(4, logs.Lines.Count);
        var text = string.Join("\n", logs.Lines.Concat(failures.Select(f => f.ToString())).Concat(failures.OfType<DmsException>().Select(f => f.RawBody ?? string.Empty)));
        Assert.Contains("GetDataTrackJobDegree", text);
        Assert.DoesNotContain(TestClients.Secret, text);
        Assert.DoesNotContain(TestClients.Token, text);
        Assert.All(signatures.Where(s => s.Length > 0), s => Assert.DoesNotContain(s, text));
        Assert.Equal(4, signatures.Count(s => s.Length == 64)); // every attempt was signed, so the check above had signatures to look for
    }

    private static Task AbortAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }
}
