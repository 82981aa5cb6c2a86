using System;
using System.Threading;
using QuickStart;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await QuickStartApp.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, interactive: !Console.IsOutputRedirected, cancellation.Token);
