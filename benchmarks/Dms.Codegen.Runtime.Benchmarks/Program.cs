using BenchmarkDotNet.Running;
using Dms.Codegen.Runtime.Benchmarks;

// `cpu [seconds] [only|all] [rounds]` runs the CPU-time harness (client CPU per call against a loopback server in a child
// process; `cpu-bisect` adds floor variants that each carry one of the client's differences);
// `serve` is that child; `credentials-cpu` the credential harness; anything else goes to BenchmarkDotNet.
return args switch
{
    ["serve", ..] => await LoopbackResponder.ServeAsync(),
    ["cpu" or "cpu-bisect", ..] => await CpuHarness.RunAsync(
        args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3,
        args.Length > 2 && args[2] != "all" ? args[2] : null,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 7,
        bisect: args[0] == "cpu-bisect"),
    ["cpu-inproc", ..] => await InProcessCpuHarness.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15),
    ["cpu-transport", ..] => await TransportCpuHarness.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9),
    ["credentials-cpu", ..] => await Credentials(),
    _ => Run(args),
};

static async System.Threading.Tasks.Task<int> Credentials()
{
    await CredentialCpuHarness.RunAsync();
    return 0;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(RuntimeBenchmarks).Assembly).Run(args);
    return 0;
}
