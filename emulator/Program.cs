using System;
using System.Linq;
using Dms.Codegen.Emulator;
using Dms.Codegen.Emulator.Hosting;

// The command-line host: dotnet run --project emulator -- --port 8080
if (!EmulatorCommandLine.TryParse(args, out var commandLine, out var error))
{
    Console.Error.WriteLine($"{error}\n\n{EmulatorCommandLine.Usage}");
    return 2;
}

if (commandLine.Help)
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

var options = commandLine.Options;
using var console = commandLine.Verbose ? new ConsoleLineLoggerProvider() : null;
await using var emulator = await DmsEmulator.StartAsync(options, console);
var keyId = options.AccessKeys.Keys.FirstOrDefault() ?? DmsEmulatorOptions.DefaultAccessKeyId;
Console.WriteLine($"DMS emulator listening on {emulator.Endpoint} (access key id {keyId}; {DmsEmulator.Operations.Count} operations"
    + $"{(options.ReplayProtection ? string.Empty : "; replay protection off")}). Ctrl+C stops it.");
await emulator.WaitForShutdownAsync();
return 0;
