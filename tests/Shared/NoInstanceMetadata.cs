using System.Runtime.CompilerServices;

namespace Dms.Codegen.Tests.Shared;

/// <summary>
/// Tests never reach a real ECS metadata service (100.100.100.200): any client or default chain a test builds
/// without credentials leaves the metadata step out, so it neither stalls on a missing service nor calls one.
/// Credential tests that exercise the metadata step point it at a loopback fake instead.
/// </summary>
internal static class NoInstanceMetadata
{
    [ModuleInitializer]
    internal static void Disable() => System.Environment.SetEnvironmentVariable("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
}
