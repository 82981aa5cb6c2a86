using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>
/// The emulator's host lifetime: it starts and stops only when told. The default (ConsoleLifetime) takes over
/// Ctrl+C and SIGTERM of the whole process to stop just this host, so a test process, or the dms-emulator tool,
/// would no longer exit on them.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
