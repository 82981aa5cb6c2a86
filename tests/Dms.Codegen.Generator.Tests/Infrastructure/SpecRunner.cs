using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator.Tests.Infrastructure;

/// <summary>What the generator made of one spec: the exception that escaped it, if any, its diagnostics and its code.</summary>
internal sealed record SpecOutcome(Exception? Exception, ImmutableArray<Diagnostic> Diagnostics, string Code);

/// <summary>
/// Runs one spec at a time through a single generator driver, replacing the previous spec as an editor does when the
/// file changes: the compilation-wide steps stay cached, so thousands of specs cost little more than their own steps.
/// </summary>
internal sealed class SpecRunner
{
    private readonly Compilation _compilation;
    private GeneratorDriver _driver = GeneratorHarness.CreateDriver(Array.Empty<AdditionalText>(), trackSteps: false);
    private AdditionalText? _current;

    public SpecRunner(Compilation compilation) => _compilation = compilation;

    public SpecOutcome Run(string path, string text)
    {
        var next = new InMemorySpec(path, text);
        _driver = _current is null ? _driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(next)) : _driver.ReplaceAdditionalText(_current, next);
        _current = next;
        _driver = _driver.RunGenerators(_compilation, CancellationToken.None);
        var result = _driver.GetRunResult();
        var generator = result.Results.Single();
        // Every generated file, by hint name, so that equal code means equal output.
        var code = string.Join("\n", generator.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText));
        return new SpecOutcome(generator.Exception, result.Diagnostics, code);
    }
}
