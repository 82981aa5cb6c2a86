using BenchmarkDotNet.Running;
using Dms.Codegen.Runtime.Benchmarks;

// `cpu [seconds]` runs the CPU-time harness (client CPU per call against a loopback server in a child process);
// `serve` is that child; anything else goes to BenchmarkDotNet.
return args switch
{
    ["serve", ..] => await LoopbackResponder.ServeAsync(),
    ["cpu", ..] => await CpuHarness.RunAsync(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RuntimeBenchmarks).Assembly).Run(args);
    return 0;
}
