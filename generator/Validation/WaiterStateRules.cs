using System;
using System.Globalization;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Parsing;

namespace Dms.Codegen.Generator.Validation;

/// <summary>
/// The one home of the rules for what a waiter's status may be: a scalar or an enum (DMS0041), whose states are
/// values of its kind or documented values of the enum (DMS0042). Checked against the index, so the enum may be
/// declared in any file, and a status path may go on through a named type of another file (its shape is in the index).
/// </summary>
internal static class WaiterStateRules
{
    /// <summary>The kinds a status may end at; a declared name is an enum or a type, which the index tells apart.</summary>
    public static bool IsStatusKind(TypeRefKind kind) =>
        kind is TypeRefKind.String or TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Boolean or TypeRefKind.Unresolved;

    /// <summary>Whether a listed state is a value of a scalar status of that kind.</summary>
    public static bool Fits(TypeRefKind kind, string value) => kind switch
    {
        TypeRefKind.Int32 => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        TypeRefKind.Int64 => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        TypeRefKind.Boolean => value is "true" or "false",
        _ => true,
    };

    /// <summary>Reports each problem of one waiter's status and states.</summary>
    /// <param name="check">The waiter's status type (and the path after it, if it goes on) and listed states.</param>
    /// <param name="index">Every declared name, with enum values and type shapes.</param>
    /// <param name="resolve">The unique declaration of a name; null when it is unknown or ambiguous, which is reported where it is referenced or declared.</param>
    /// <param name="report">Receives the diagnostics.</param>
    public static void Check(StateCheck check, SpecIndex index, Func<string, IndexEntry?> resolve, Action<DiagnosticInfo> report)
    {
        var what = $"Waiter '{check.Waiter}'";
        if (check.Rest is not { } rest)
        {
            CheckEnum(check, resolve(check.TypeName), report);
            return;
        }

        var at = check.StatusPath.Substring(0, check.StatusPath.Length - rest.Length - 1);
        if (Follow(check.TypeName, at, rest, check.StatusLocation, what, index, resolve, report) is not { } end)
        {
            return;
        }

        if (end.Type.Kind == TypeRefKind.Unresolved)
        {
            CheckEnum(check with { TypeName = end.Type.Name! }, resolve(end.Type.Name!), report);
            return;
        }

        var kind = end.Type.Kind.ToString().ToLowerInvariant();
        if (!IsStatusKind(end.Type.Kind))
        {
            report(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueKind, check.StatusLocation, what, check.StatusPath, $"is {MemberPaths.DescribeKind(end.Type)}; a status must end at an enum or a scalar"));
            return;
        }

        foreach (var state in check.States.Where(s => !Fits(end.Type.Kind, s.Value)))
        {
            report(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownWaiterState, state.Location, check.Waiter, state.Value, MemberPaths.DescribeKind(end.Type), kind));
        }
    }

    /// <summary>
    /// The members of <paramref name="rest"/> (wire names) from the named type <paramref name="typeName"/> of any file
    /// (reached through the wire path <paramref name="at"/>, for messages), and the type they end at, by the same path rule as within a file, over the shapes in the index.
    /// </summary>
    public static MemberPath? Follow(string typeName, string? at, string rest, LocationInfo? location, string what, SpecIndex index, Func<string, IndexEntry?> resolve, Action<DiagnosticInfo> report)
    {
        var start = resolve(typeName);
        if (start is null || (start.Kind == DeclarationKind.ObjectType && start.Shape is null))
        {
            return null; // unknown, ambiguous or unparsable: reported where the name is used or declared
        }

        if (start.Shape is null)
        {
            report(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueKind, location, what, at ?? typeName, $"is the enum '{typeName}', which has no members"));
            return null;
        }

        var shapes = index.Entries.Where(e => e.Shape is not null).Select(e => e.Shape!).ToList();
        var enums = index.Entries.Where(e => e.Kind == DeclarationKind.Enum)
            .Select(e => new EnumModel(e.Name, e.NumericEnum, Docs.None, e.EnumValues.Select(v => new EnumValueModel(v, v, null, false)).ToEquatableArray()))
            .ToList();
        var context = new ParseContext(start.FilePath, default);
        var end = new MemberPaths(start.Shape, shapes, enums, at).Resolve(context, rest, location, what);
        foreach (var diagnostic in context.Diagnostics)
        {
            report(diagnostic);
        }

        return end;
    }

    /// <summary>A model whose waiter status paths that go through types of other files are completed to their members and end type.</summary>
    public static SpecModel CompleteStatusPaths(SpecModel model, SpecIndex index, Func<string, IndexEntry?> resolve)
    {
        if (model.Operation?.Workflow is not { } workflow || workflow.Waiters.All(w => w.Status.Rest is null))
        {
            return model;
        }

        MemberPath Complete(WaiterModel waiter)
        {
            if (waiter.Status.Rest is not { } rest)
            {
                return waiter.Status;
            }

            var end = Follow(waiter.Status.Type.Name!, null, rest, null, waiter.Name, index, resolve, _ => { })
                ?? throw new InvalidOperationException($"the status path of the waiter '{waiter.Name}' was not checked by validation");
            return new MemberPath(waiter.Status.Members.Concat(end.Members).ToEquatableArray(), end.Type);
        }

        var waiters = workflow.Waiters.Select(w => w with { Status = Complete(w) }).ToEquatableArray();
        return model with { Operation = model.Operation with { Workflow = workflow with { Waiters = waiters } } };
    }

    private static void CheckEnum(StateCheck check, IndexEntry? target, Action<DiagnosticInfo> report)
    {
        if (target is null)
        {
            return;
        }

        var what = $"Waiter '{check.Waiter}'";
        if (target.Kind != DeclarationKind.Enum)
        {
            report(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueKind, check.StatusLocation, what, check.StatusPath, $"is the type '{check.TypeName}', an object; a status must end at an enum or a scalar"));
            return;
        }

        foreach (var state in check.States)
        {
            if (!target.EnumValues.Contains(state.Value))
            {
                report(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownWaiterState, state.Location, check.Waiter, state.Value, check.TypeName, string.Join(", ", target.EnumValues)));
            }
        }
    }
}
