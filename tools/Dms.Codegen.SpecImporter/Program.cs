using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.SpecImporter;

// dotnet run --project tools/Dms.Codegen.SpecImporter -- <api-docs.json> <output folder> [Operation ...]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Dms.Codegen.SpecImporter <api-docs.json> <output folder> [Operation ...]  (no operations: all of them)");
    return 2;
}

using var document = JsonDocument.Parse(File.ReadAllBytes(args[0]));
var version = document.RootElement.TryGetProperty("info", out var info) && info.TryGetProperty("version", out var v) ? v.GetString()! : "2018-11-01";
var wanted = args.Skip(2).ToHashSet(StringComparer.Ordinal);
Directory.CreateDirectory(args[1]);
var count = 0;
foreach (var (operation, yaml) in ApiDocsImporter.ImportAll(document.RootElement, version))
{
    if (wanted.Count == 0 || wanted.Contains(operation))
    {
        File.WriteAllText(Path.Combine(args[1], operation + ".yaml"), yaml);
        count++;
    }
}

Console.WriteLine($"Wrote {count} specs to {args[1]}.");
return count == 0 ? 1 : 0;
