using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;
using Dms.Codegen.Generator.Parsing;

namespace Dms.Codegen.Generator.Validation;

/// <summary>
/// The checks that need every file: duplicate names, references to declared types, and parameter styles
/// that depend on what a name turns out to be. One <see cref="Check"/> serves both the index (which files
/// can generate code at all) and the per-file diagnostics, so the two can never disagree.
/// </summary>
internal static class SpecValidator
{
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
            return new ValidatedSpec(null, diagnostics.ToEquatableArray());
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
        var declarations = Sorted(byPath.Values);
        bool changed;
        do
        {
            // A file that references an unusable file becomes unusable: repeat until nothing changes.
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            var index = CreateIndex(declarations, usable);
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

        var hintNames = byPath.Values.Select(s => s.HintName).Where(h => h is not null).Select(h => h!).OrderBy(h => h, StringComparer.Ordinal).ToList();
        return CreateIndex(declarations, usable) with
        {
            HintNames = hintNames.ToEquatableArray(),
            UniqueHintNames = new EquatableArray<string>(GeneratedNames.UniqueHintNames(hintNames, clientName)),
        };
    }

    private static ValidatedSpec ValidateCore(ParsedSpec parsed, SpecIndex index, string clientName)
    {
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        Check(parsed.Summary, index, clientName, diagnostics.Add);
        var model = diagnostics.Any(d => d.IsError) || parsed.Model is null ? null
            : ModelResolver.Resolve(WaiterStateRules.CompleteStatusPaths(parsed.Model, index, name => Resolve(index, name)), name => Resolve(index, name));
        model = model is null ? null : model with { HintName = UniqueHintName(index, model.HintName, clientName) };
        return new ValidatedSpec(model, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The file's unique hint name, found by a binary search of the index's sorted hint names. A name the index does
    /// not hold (a second file of one path, which the index ignores) is ranked as if it were there, by the same rule.
    /// </summary>
    private static string UniqueHintName(SpecIndex index, string hintName, string clientName)
    {
        var names = index.HintNames;
        var low = LowerBound(names, static name => name, hintName);
        if (low < names.Count && names[low] == hintName)
        {
            return index.UniqueHintNames[low];
        }

        var with = names.ToList();
        with.Insert(low, hintName);
        return GeneratedNames.UniqueHintNames(with, clientName)[low];
    }

    /// <summary>Reports every cross-file problem of one file.</summary>
    private static void Check(SpecSummary summary, SpecIndex index, string clientName, Action<DiagnosticInfo> report)
    {
        var clientTypes = GeneratedNames.ClientTypes(clientName);
        foreach (var declaration in summary.Declarations)
        {
            var method = declaration.Kind == DeclarationKind.ExtensionMethod;
            if (!method && clientTypes.Contains(declaration.Name))
            {
                report(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, declaration.Location, declaration.Name, "a generated client type"));
            }

            // Two entries of one name are a duplicate, also within one file (a type named {Op}Request in the spec of {Op}).
            // Extension methods share a name space only among themselves: a type may be called WaitDoneAsync.
            var same = 0;
            string? otherFile = null;
            for (var i = First(index, declaration.Name); i < index.Entries.Count && index.Entries[i].Name == declaration.Name; i++)
            {
                var entry = index.Entries[i];
                if ((entry.Kind == DeclarationKind.ExtensionMethod) == method)
                {
                    same++;
                    otherFile ??= entry.FilePath != summary.FilePath ? entry.FilePath : null;
                }
            }

            if (same > 1)
            {
                var other = otherFile ?? "this file";
                report(method
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateExtensionMethod, declaration.Location, declaration.Name, other, GeneratedNames.ClientInterface(clientName))
                    : DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, declaration.Location, declaration.Name, other));
            }
        }

        foreach (var reference in summary.References)
        {
            var target = Resolve(index, reference.Name);
            if (target is null)
            {
                report(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownType, reference.Location, reference.Name, string.Join(", ", SchemaParser.BuiltInTypes)));
            }
            else if (!target.FileUsable && target.FilePath != summary.FilePath)
            {
                report(DiagnosticInfo.Create(DiagnosticDescriptors.UnusableReference, reference.Location, reference.Name, target.FilePath));
            }
        }

        foreach (var check in summary.StateChecks)
        {
            WaiterStateRules.Check(check, index, name => Resolve(index, name), report);
        }

        foreach (var check in summary.ParameterChecks)
        {
            // An unknown name is reported above, as a reference.
            if (TryResolve(check.Type, index) is { } resolved && EncodingRules.Check(check, resolved) is { } diagnostic)
            {
                report(diagnostic);
            }
        }
    }

    private static TypeRef? TryResolve(TypeRef type, SpecIndex index) => type.Kind switch
    {
        TypeRefKind.Unresolved => Resolve(index, type.Name!) switch
        {
            { Kind: DeclarationKind.Enum } entry => TypeRef.Enum(entry.Name, entry.NumericEnum),
            { } entry => TypeRef.Object(entry.Name),
            null => null,
        },
        TypeRefKind.Array or TypeRefKind.Map => TryResolve(type.Element!, index) is { } element ? type with { Element = element } : null,
        _ => type,
    };

    private static bool HasProblems(SpecSummary summary, SpecIndex index, string clientName)
    {
        var found = false;
        Check(summary, index, clientName, _ => found = true);
        return found;
    }

    /// <summary>The unique referable declaration of <paramref name="name"/>; null when missing or ambiguous.</summary>
    private static IndexEntry? Resolve(SpecIndex index, string name)
    {
        IndexEntry? found = null;
        for (var i = First(index, name); i < index.Entries.Count && index.Entries[i].Name == name; i++)
        {
            var entry = index.Entries[i];
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

    /// <summary>
    /// The position of the first entry named <paramref name="name"/> (or where it would be): a binary search, since
    /// entries are sorted by name (ordinal). The entries of that name follow it.
    /// </summary>
    private static int First(SpecIndex index, string name) => LowerBound(index.Entries, static entry => entry.Name, name);

    /// <summary>The position of the first of <paramref name="items"/> (sorted by <paramref name="key"/>, ordinal) whose key is not before <paramref name="name"/>.</summary>
    private static int LowerBound<T>(EquatableArray<T> items, Func<T, string> key, string name)
        where T : IEquatable<T>
    {
        int low = 0, high = items.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(key(items[middle]), name) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Every declaration with its file, sorted by name and then file (stable): sorted once, however often the index is made.</summary>
    private static (Declaration Declaration, string FilePath)[] Sorted(IEnumerable<SpecSummary> summaries) => summaries
        .SelectMany(s => s.Declarations.Select(d => (d, s.FilePath)))
        .OrderBy(e => e.d.Name, StringComparer.Ordinal)
        .ThenBy(e => e.FilePath, StringComparer.Ordinal)
        .ToArray();

    private static SpecIndex CreateIndex((Declaration Declaration, string FilePath)[] declarations, Dictionary<string, bool> usable)
    {
        var entries = new IndexEntry[declarations.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var (d, path) = declarations[i];
            entries[i] = new IndexEntry(d.Name, d.Kind, d.NumericEnum, path, usable[path]) { EnumValues = d.EnumValues, Shape = d.Shape };
        }

        return new SpecIndex(new EquatableArray<IndexEntry>(entries));
    }
}
