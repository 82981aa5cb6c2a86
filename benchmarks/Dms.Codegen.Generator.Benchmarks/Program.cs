using BenchmarkDotNet.Running;

// "size ...", "nesting ...", "compile ..." and "phases ..." run the timed harnesses; anything else goes to BenchmarkDotNet.
if (args.Length > 1 && args[0] is "phases")
{
    return Dms.Codegen.Generator.Benchmarks.Phases.Run(args[1]);
}

if (args.Length > 1 && args[0] is "cold-loop")
{
    var benchmarks = new Dms.Codegen.Generator.Benchmarks.GeneratorBenchmarks { Specs = "real" };
    benchmarks.Setup();
    for (var i = 0; i < int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        benchmarks.ColdGeneration();
    }

    return 0;
}

if (args.Length > 2 && args[0] is "parse-loop")
{
    return Dms.Codegen.Generator.Benchmarks.Phases.ParseLoop(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] is "size" or "nesting" or "compile")
{
    return Dms.Codegen.Generator.Benchmarks.Harness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Dms.Codegen.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
return 0;
