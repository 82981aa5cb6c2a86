using BenchmarkDotNet.Running;

// "size ...", "nesting ...", "compile ..." and "phases ..." run the timed harnesses; anything else goes to BenchmarkDotNet.
if (args.Length > 1 && args[0] is "phases")
{
    return Dms.Codegen.Generator.Benchmarks.Phases.Run(args[1]);
}

if (args.Length > 0 && args[0] is "size" or "nesting" or "compile")
{
    return Dms.Codegen.Generator.Benchmarks.Harness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Dms.Codegen.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
return 0;
