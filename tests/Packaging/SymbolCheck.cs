// Checks the symbols of every Dms.Codegen assembly in the packages, as a debugger would find them:
//   dotnet run tests/Packaging/SymbolCheck.cs -- <feed folder> <repository root> <repository url>
// For each of our DLLs: a portable PDB (embedded, in the .snupkg beside the .nupkg, or, for a tool, beside the DLL
// in the package) whose id matches the DLL, SourceLink that maps /_/ to <repository url>'s raw files at a commit,
// every document under /_/, and no machine path (the repository root) anywhere in the DLL. Prints one line per
// assembly; exits 1 on any problem.
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;

var feed = args[0];
var root = args[1].TrimEnd('/');
var repository = args[2];
var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
var problems = 0;

foreach (var package in Directory.GetFiles(feed, "*.nupkg").Order(StringComparer.Ordinal))
{
    using var nupkg = ZipFile.OpenRead(package);
    var snupkgPath = Path.ChangeExtension(package, ".snupkg");
    using var snupkg = File.Exists(snupkgPath) ? ZipFile.OpenRead(snupkgPath) : null;
    foreach (var entry in nupkg.Entries.Where(e => IsOurs(e.Name)))
    {
        var name = $"{Path.GetFileName(package)}:{entry.FullName}";
        var issues = Check(Read(entry), entry.FullName, snupkg, nupkg);
        Console.WriteLine(issues.Count == 0 ? $"ok {name}: PDB, SourceLink, /_/ paths" : $"bad {name}: {string.Join("; ", issues)}");
        problems += issues.Count;
    }
}

return problems == 0 ? 0 : 1;

// Our assemblies: Dms.Codegen.* and the tool's dms-emulator (named after its command); not YamlDotNet and the like.
static bool IsOurs(string name) =>
    (name.StartsWith("Dms.Codegen", StringComparison.Ordinal) || name == "dms-emulator.dll") && name.EndsWith(".dll", StringComparison.Ordinal);

List<string> Check(byte[] dll, string path, ZipArchive? symbols, ZipArchive package)
{
    var issues = new List<string>();
    foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
    {
        if (IndexOf(dll, encoding.GetBytes(root)) >= 0)
        {
            issues.Add($"the DLL contains the machine path {root} ({encoding.WebName})");
        }
    }

    using var pe = new PEReader(new MemoryStream(dll));
    var directory = pe.ReadDebugDirectory();
    var codeView = directory.FirstOrDefault(d => d.Type == DebugDirectoryEntryType.CodeView);
    if (codeView.Type != DebugDirectoryEntryType.CodeView)
    {
        issues.Add("no CodeView debug entry");
        return issues;
    }

    // An embedded PDB is named by file name alone; a separate one by its deterministic /_/ path.
    var pdbPath = pe.ReadCodeViewDebugDirectoryData(codeView).Path;
    var embedded = directory.FirstOrDefault(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
    var isEmbedded = embedded.Type == DebugDirectoryEntryType.EmbeddedPortablePdb;
    if (isEmbedded ? pdbPath.Contains('/') : !pdbPath.StartsWith("/_/", StringComparison.Ordinal))
    {
        issues.Add($"PDB path is not deterministic: {pdbPath}");
    }

    MetadataReaderProvider? provider = null;
    if (isEmbedded)
    {
        provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
    }
    // A tool's PDBs are beside its DLLs in the package (stack traces of an installed tool have line numbers).
    else if ((symbols?.GetEntry(Path.ChangeExtension(path, ".pdb")) ?? package.GetEntry(Path.ChangeExtension(path, ".pdb"))) is { } pdbEntry)
    {
        provider = MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(Read(pdbEntry)));
    }

    if (provider is null)
    {
        issues.Add("no PDB: neither embedded nor in the .snupkg");
        return issues;
    }

    using (provider)
    {
        var pdb = provider.GetMetadataReader();
        var id = new BlobContentId(pdb.DebugMetadataHeader!.Id);
        if (id.Guid != pe.ReadCodeViewDebugDirectoryData(codeView).Guid)
        {
            issues.Add("the PDB does not belong to this DLL (id mismatch)");
        }

        var sourceLink = pdb.CustomDebugInformation
            .Select(pdb.GetCustomDebugInformation)
            .Where(c => pdb.GetGuid(c.Kind) == sourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(pdb.GetBlobBytes(c.Value)))
            .FirstOrDefault();
        if (sourceLink is null)
        {
            issues.Add("no SourceLink in the PDB");
        }
        else
        {
            var map = JsonDocument.Parse(sourceLink).RootElement.GetProperty("documents");
            var target = map.TryGetProperty("/_/*", out var url) ? url.GetString() ?? string.Empty : string.Empty;
            var owner = new Uri(repository).AbsolutePath.Trim('/');
            if (!target.Contains(owner, StringComparison.OrdinalIgnoreCase) || !System.Text.RegularExpressions.Regex.IsMatch(target, "/[0-9a-f]{40}/\\*$"))
            {
                issues.Add($"SourceLink does not map /_/ to {repository} at a commit: {sourceLink}");
            }
        }

        var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();
        var outside = documents.Where(d => !d.StartsWith("/_/", StringComparison.Ordinal)).ToList();
        if (documents.Count == 0 || outside.Count > 0)
        {
            issues.Add($"{outside.Count} of {documents.Count} source documents are not under /_/ (first: {outside.FirstOrDefault()})");
        }
    }

    return issues;
}

static byte[] Read(ZipArchiveEntry entry)
{
    using var stream = entry.Open();
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    return copy.ToArray();
}

static int IndexOf(byte[] haystack, byte[] needle)
{
    return haystack.AsSpan().IndexOf(needle);
}
