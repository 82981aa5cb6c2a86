using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Dms.Codegen.Runtime.Benchmarks.RuntimeBenchmarks).Assembly).Run(args);
