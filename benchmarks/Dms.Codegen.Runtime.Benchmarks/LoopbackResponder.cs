using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Runtime.Benchmarks;

/// <summary>
/// A Kestrel server that answers every request at once with one fixed DMS body. It runs in a child process so
/// that the harness's process CPU time is the client's alone.
/// </summary>
internal static class LoopbackResponder
{
    public const string Body = """{"RequestId":"C51420E3-144A-4A94-B473-8662FCF4AD10","Success":true,"ErrorMessage":"UnknownError","ErrorCode":"UnknownError","JobDegree":{"ListCompletionDegree":1,"DownloadCompletionDegree":1,"FilterCompletionDegree":1,"JobStatus":"FILTER_SUCCESS","StatusDesc":"searching success"}}""";

    public static async Task<int> ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        await using var server = builder.Build();
        var body = System.Text.Encoding.UTF8.GetBytes(Body);
        server.Run(context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await server.StartAsync();
        Console.WriteLine(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Console.Out.Flush();

        // Ends when the parent closes our stdin.
        await Console.In.ReadToEndAsync();
        await server.StopAsync();
        return 0;
    }

    /// <summary>Starts the child and returns it with the address it listens on.</summary>
    public static (Process Process, Uri Endpoint) Start()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, "serve")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under dotnet-trace the child would inherit the tracer's port and wait for it at startup.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        var process = Process.Start(start)!;
        var address = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The loopback server did not start.");
        return (process, new Uri(address));
    }
}
