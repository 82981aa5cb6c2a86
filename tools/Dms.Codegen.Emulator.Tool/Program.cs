using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Emulator;
using Dms.Codegen.Emulator.Tool;

// dms-emulator --port 8080   (dotnet run --project tools/Dms.Codegen.Emulator.Tool -- --port 8080)
return await EmulatorCommand.Create(RunAsync).Parse(args).InvokeAsync();

static async Task<int> RunAsync(DmsEmulatorOptions options, bool verbose, CancellationToken cancellationToken)
{
    // The tool owns its process's signals (the library leaves them alone): Ctrl+C and SIGTERM stop it, exit code 0.
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    using var console = verbose ? new ConsoleLineLoggerProvider() : null;
    await using var emulator = await DmsEmulator.StartAsync(options, console, cancellationToken);
    var keys = options.AccessKeys.Count == 0 ? DmsEmulatorOptions.DefaultAccessKeyId : string.Join(", ", options.AccessKeys.Keys);
    Console.WriteLine($"DMS emulator listening on {emulator.Endpoint} (access key id {keys}; {DmsEmulator.Operations.Count} operations"
        + $"{(options.ReplayProtection ? string.Empty : "; replay protection off")}). Ctrl+C stops it.");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl+C or SIGTERM: stop listening and exit normally.
    }

    return 0;
}
