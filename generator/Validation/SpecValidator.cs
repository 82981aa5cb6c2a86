using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dms.Codegen.Generator.Validation;

/// <summary>
/// The checks that need every file: duplicate names, references to declared types, and parameter styles
/// that depend on what a name turns out to be. One <see cref="Check"/> serves both the index (which files
/// can generate code at all) and the per-file diagnostics, so the two can never disagree.
/// </summary>
internal static class SpecValidator
{
    private delegate void Reporter(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments);

    public static SpecIndex BuildIndex(ImmutableArray<SpecSummary> summaries, string clientName, CancellationToken cancellationToken)
    {
        try
        {
            return BuildIndexCore(summaries, clientName, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new SpecIndex(EquatableArray<IndexEntry>.Empty, exception.GetType().Name + ": " + exception.Message);
        }
    }

    public static ValidatedSpec Validate(ParsedSpec parsed, SpecIndex index, string clientName)
    {
        try
        {
            if (index.Failure is not null)
            {
                throw new InvalidOperationException("building the index of spec names failed: " + index.Failure);
            }

            return ValidateCore(parsed, index, clientName);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var location = new LocationInfo(parsed.Summary.FilePath, 0, 0, 0, 0, 0, 0);
            var diagnostics = parsed.Diagnostics.Append(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, exception.GetType().Name + ": " + exception.Message));
            return new ValidatedSpec(null, EquatableArray<IndexEntry>.Empty, diagnostics.ToEquatableArray());
        }
    }

    private static SpecIndex BuildIndexCore(ImmutableArray<SpecSummary> summaries, string clientName, CancellationToken cancellationToken)
    {
        // Later duplicates of a path (never expected from MSBuild) are ignored rather than allowed to throw.
        var byPath = new Dictionary<string, SpecSummary>(StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            if (!byPath.ContainsKey(summary.FilePath))
            {
                byPath.Add(summary.FilePath, summary);
            }
        }

        var usable = byPath.Values.ToDictionary(s => s.FilePath, s => !s.HasParseErrors, StringComparer.Ordinal);
        bool changed;
        do
        {
            // A file that references an unusable file becomes unusable: repeat until nothing changes.
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            var index = CreateIndex(byPath.Values, usable);
            foreach (var summary in byPath.Values)
            {
                if (usable[summary.FilePath] && HasProblems(summary, index, clientName))
                {
                    usable[summary.FilePath] = false;
                    changed = true;
                }
            }
        }
        while (changed);

        return CreateIndex(byPath.Values, usable);
    }

    private static ValidatedSpec ValidateCore(ParsedSpec parsed, SpecIndex index, string clientName)
    {
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        var referenced = Check(parsed.Summary, index, clientName, (descriptor, location, arguments) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments)));
        var model = diagnostics.Any(d => d.IsError) ? null : parsed.Model;
        return new ValidatedSpec(model, referenced.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>Reports every cross-file problem of one file and returns the declared types it references.</summary>
    private static List<IndexEntry> Check(SpecSummary summary, SpecIndex index, string clientName, Reporter report)
    {
        foreach (var declaration in summary.Declarations)
        {
            if (declaration.Name == clientName || declaration.Name == "I" + clientName || declaration.Name == clientName + "ServiceCollectionExtensions")
            {
                report(DiagnosticDescriptors.NameCollision, declaration.Location, declaration.Name, "a generated client type");
            }

            var other = Lookup(index, declaration.Name).FirstOrDefault(e => e.FilePath != summary.FilePath);
            if (other is not null)
            {
                report(DiagnosticDescriptors.DuplicateName, declaration.Location, declaration.Name, other.FilePath);
            }
        }

        var referenced = new List<IndexEntry>();
        foreach (var reference in summary.References)
        {
            var target = Resolve(index, reference.Name);
            if (target is null)
            {
                report(DiagnosticDescriptors.UnknownType, reference.Location, reference.Name, "string, int32, int64, double, boolean, any, object, array, map");
            }
            else if (!target.FileUsable && target.FilePath != summary.FilePath)
            {
                report(DiagnosticDescriptors.UnusableReference, reference.Location, reference.Name, target.FilePath);
            }
            else if (!referenced.Contains(target))
            {
                referenced.Add(target);
            }
        }

        foreach (var check in summary.ParameterChecks)
        {
            var target = Resolve(index, check.TypeName);
            var problem = target?.Kind switch
            {
                DeclarationKind.ObjectType when check.IsArrayElement => "'simple' joins scalars with commas, but '" + check.TypeName + "' is an object type",
                DeclarationKind.ObjectType when check.Style == ParameterStyle.Plain => "the object type '" + check.TypeName + "' needs a 'style' (json, flat or repeatList)",
                DeclarationKind.Enum when !check.IsArrayElement && check.Style != ParameterStyle.Plain => "the enum '" + check.TypeName + "' is a scalar and takes no 'style'",
                _ => null,
            };
            if (problem is not null)
            {
                report(DiagnosticDescriptors.ContradictoryEncoding, check.Location, check.Parameter, problem);
            }
        }

        return referenced;
    }

    private static bool HasProblems(SpecSummary summary, SpecIndex index, string clientName)
    {
        var found = false;
        Check(summary, index, clientName, (_, _, _) => found = true);
        return found;
    }

    /// <summary>The unique referable declaration of <paramref name="name"/>; null when missing or ambiguous.</summary>
    private static IndexEntry? Resolve(SpecIndex index, string name)
    {
        IndexEntry? found = null;
        foreach (var entry in Lookup(index, name))
        {
            if (entry.Kind is not (DeclarationKind.ObjectType or DeclarationKind.Enum))
            {
                continue;
            }

            if (found is not null)
            {
                // Declared twice: the duplicate is reported where it is declared; here it stays unusable.
                return found with { FileUsable = false };
            }

            found = entry;
        }

        return found;
    }

    /// <summary>The entries named <paramref name="name"/>: a binary search, since entries are sorted by name (ordinal).</summary>
    private static IEnumerable<IndexEntry> Lookup(SpecIndex index, string name)
    {
        var entries = index.Entries;
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(entries[middle].Name, name) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < entries.Count && entries[i].Name == name; i++)
        {
            yield return entries[i];
        }
    }

    private static SpecIndex CreateIndex(IEnumerable<SpecSummary> summaries, Dictionary<string, bool> usable) =>
        new(summaries
            .SelectMany(s => s.Declarations.Select(d => new IndexEntry(d.Name, d.Kind, d.NumericEnum, s.FilePath, usable[s.FilePath])))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.FilePath, StringComparer.Ordinal)
            .ToEquatableArray());
}
