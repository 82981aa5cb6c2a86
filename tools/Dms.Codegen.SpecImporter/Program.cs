using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.SpecImporter;

// dotnet run --project tools/Dms.Codegen.SpecImporter -- <api-docs.json> <output folder> [--skip-existing <folder>] [Operation ...]
// With no operations it imports all of them; --skip-existing leaves out operations that already have a spec
// there (hand-written specs win over imported ones).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Dms.Codegen.SpecImporter <api-docs.json> <output folder> [--skip-existing <folder>] [Operation ...]");
    return 2;
}

var rest = args.Skip(2).ToList();
string? skipFolder = null;
var skipIndex = rest.IndexOf("--skip-existing");
if (skipIndex >= 0)
{
    if (skipIndex + 1 >= rest.Count)
    {
        Console.Error.WriteLine("--skip-existing needs a folder");
        return 2;
    }

    skipFolder = rest[skipIndex + 1];
    rest.RemoveRange(skipIndex, 2);
}

using var document = JsonDocument.Parse(File.ReadAllBytes(args[0]));
var version = document.RootElement.TryGetProperty("info", out var info) && info.TryGetProperty("version", out var v) ? v.GetString()! : "2018-11-01";
var wanted = rest.ToHashSet(StringComparer.Ordinal);
Directory.CreateDirectory(args[1]);
var count = 0;
var report = new ImportReport();
foreach (var (operation, yaml) in ApiDocsImporter.ImportAll(document.RootElement, version, report))
{
    if ((wanted.Count == 0 || wanted.Contains(operation)) && (skipFolder is null || !File.Exists(Path.Combine(skipFolder, operation + ".yaml"))))
    {
        File.WriteAllText(Path.Combine(args[1], operation + ".yaml"), yaml);
        count++;
    }
}

Console.WriteLine($"Wrote {count} specs to {args[1]}.");
if (report.Entries.Count > 0)
{
    // What the enum rules changed, over every operation read (written or not), by rule.
    Console.WriteLine("Value lists changed by rule:");
    Console.WriteLine(report);
}

return count == 0 ? 1 : 0;
