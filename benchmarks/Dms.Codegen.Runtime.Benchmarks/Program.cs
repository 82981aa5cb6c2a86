using BenchmarkDotNet.Running;

if (args is ["credentials-cpu", ..])
{
    await Dms.Codegen.Runtime.Benchmarks.CredentialCpuHarness.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Dms.Codegen.Runtime.Benchmarks.RuntimeBenchmarks).Assembly).Run(args);
