using System;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Validation;

/// <summary>
/// The one home of the rule that a waiter's states are documented values of its status enum (DMS0042), and that a
/// declared status type is an enum (DMS0041). Checked against the index, so the enum may be declared in any file.
/// </summary>
internal static class WaiterStateRules
{
    /// <summary>Reports each problem of one waiter's states.</summary>
    /// <param name="check">The waiter's status type and listed states.</param>
    /// <param name="target">The status type's unique declaration; null when it is unknown or ambiguous, which is reported where it is referenced or declared.</param>
    /// <param name="report">Receives the diagnostics.</param>
    public static void Check(StateCheck check, IndexEntry? target, Action<DiagnosticInfo> report)
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
            if (!Contains(target.EnumValues, state.Value))
            {
                report(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownWaiterState, state.Location, check.Waiter, state.Value, check.TypeName, string.Join(", ", target.EnumValues)));
            }
        }
    }

    private static bool Contains(EquatableArray<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (candidate == value)
            {
                return true;
            }
        }

        return false;
    }
}
