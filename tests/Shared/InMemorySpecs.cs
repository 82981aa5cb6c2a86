using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Dms.Codegen.Testing;

/// <summary>
/// A spec file held in memory. <see cref="IsSpec"/> false leaves out the <c>DmsSpec</c> metadata, as for a
/// YAML file the project did not opt in. Shared by the generator tests and the generator benchmark.
/// </summary>
internal sealed class InMemorySpec : AdditionalText
{
    private readonly SourceText _text;

    public InMemorySpec(string path, string text, bool isSpec = true)
    {
        Path = path;
        _text = SourceText.From(text);
        IsSpec = isSpec;
    }

    public override string Path { get; }

    public bool IsSpec { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>The analyzer config a project with the Dms.Codegen props would give the generator.</summary>
internal sealed class SpecOptionsProvider : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions SpecOptions = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.DmsSpec"] = "true" });
    private static readonly DictionaryOptions NoOptions = new(new Dictionary<string, string>());

    public SpecOptionsProvider(Dictionary<string, string> global) => GlobalOptions = new DictionaryOptions(global);

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => NoOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile is InMemorySpec { IsSpec: false } ? NoOptions : SpecOptions;

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public DictionaryOptions(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
