using BenchmarkDotNet.Running;

// "size ..." and "nesting ..." run the timed harness; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] is "size" or "nesting")
{
    return Dms.Codegen.Generator.Benchmarks.Harness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Dms.Codegen.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
return 0;
