using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Dms.Codegen.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
