using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Dms.Codegen.Generator.Tests")]
[assembly: InternalsVisibleTo("Dms.Codegen.Generator.Benchmarks")]
[assembly: InternalsVisibleTo("Dms.Codegen.SpecImporter")]
