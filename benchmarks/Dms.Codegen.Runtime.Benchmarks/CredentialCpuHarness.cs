using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Dms.Codegen.Credentials;
using Dms.Codegen.Emulator.Fakes;
using Dms.Codegen.Runtime.Benchmarks.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// CPU time per sequential call of a client on a refreshing STS credential (a RAM role over the loopback STS
/// fake) against the same client on a static key, read from the process's CPU time in interleaved rounds.
/// Run: <c>dotnet run -c Release --project benchmarks/Dms.Codegen.Runtime.Benchmarks -- credentials-cpu</c>.
/// </summary>
public static class CredentialCpuHarness
{
    private const int CallsPerRound = 4000;
    private const int Rounds = 6;
    private const string Body = """{"RequestId":"C51420E3-144A-4A94-B473-8662FCF4AD10","Success":true,"JobDegree":{"ListCompletionDegree":1,"JobStatus":"FILTER_SUCCESS"}}""";

    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        await using var server = builder.Build();
        server.Run(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(Body);
        });
        await server.StartAsync();
        var endpoint = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var stsOptions = new FakeStsOptions { TimeProvider = clock };
        stsOptions.AccessKeys["source"] = "source-secret";
        await using var sts = await FakeStsService.StartAsync(stsOptions);
        var credentialOptions = new DmsCredentialOptions { StsEndpoint = sts.Endpoint, TimeProvider = clock };
        var role = DmsCredentials.RamRoleArn(DmsCredentials.AccessKey("source", "source-secret"), new DmsRamRoleOptions { RoleArn = "acs:ram::1234567890123456:role/bench" }, credentialOptions);
        var token = await role.GetCredentialAsync(default);

        (string Name, DmsClient Client, Action? BetweenCalls)[] cases =
        [
            ("static access key", Client(endpoint, DmsCredentials.AccessKey("testid", "testsecret")), null),
            ("static STS token", Client(endpoint, DmsCredentials.AccessKey(token.AccessKeyId, token.RevealAccessKeySecret(), token.RevealSecurityToken())), null),
            ("RAM role, cached", Client(endpoint, role), null),
            ("RAM role, refresh every 1000 calls", Client(endpoint, role), null),
        ];
        var request = new GetDataTrackJobDegreeRequest { OrderId = 42, Tid = 7 };
        var totals = new double[cases.Length];
        for (var round = -1; round < Rounds; round++)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                var forcing = i == 3;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var call = 0; call < CallsPerRound; call++)
                {
                    if (forcing && call % 1000 == 0)
                    {
                        clock.Advance(TimeSpan.FromMinutes(46)); // past the refresh point: the next call refreshes
                    }

                    await cases[i].Client.GetDataTrackJobDegreeAsync(request);
                }

                var perCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / CallsPerRound;
                if (round >= 0)
                {
                    totals[i] += perCall; // round -1 warms up
                }
            }
        }

        Console.WriteLine($"CPU time per call, {Rounds} interleaved rounds of {CallsPerRound} sequential calls (loopback server answering at once):");
        for (var i = 0; i < cases.Length; i++)
        {
            Console.WriteLine($"  {cases[i].Name,-36} {totals[i] / Rounds,8:0.0} us  ({totals[i] / totals[0]:0.000}x static key)");
        }

        Console.WriteLine($"  AssumeRole calls made: {sts.Requests.Count}");
        foreach (var c in cases)
        {
            c.Client.Dispose();
        }
    }

    private static DmsClient Client(Uri endpoint, IDmsCredentialProvider credentials) => new(new DmsClientOptions { Endpoint = endpoint, Credentials = credentials });
}
