using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Validation;

/// <summary>
/// DMS0011, the one home of the rule: which parameter styles fit which (resolved) types, and where a value may go.
/// </summary>
internal static class EncodingRules
{
    /// <summary>
    /// The DMS0011 diagnostic for one parameter, or null when its placement fits. <paramref name="resolved"/>
    /// is the check's type after resolution. A problem caused by a declared type points at the type.
    /// </summary>
    public static DiagnosticInfo? Check(ParameterCheck check, TypeRef resolved)
    {
        if (check.Method == DmsHttpMethod.Get && check.Location == DmsParameterLocation.Form)
        {
            return Report(check, check.KeyLocation, "a GET operation has no form body; use 'in: query'");
        }

        var problem = Problem(resolved, check.Style);
        if (problem is null)
        {
            return null;
        }

        var aboutDeclaredType = check.Type.Kind == TypeRefKind.Unresolved || check.Type.Element?.Kind == TypeRefKind.Unresolved;
        return Report(check, aboutDeclaredType ? check.TypeLocation : check.KeyLocation, problem);
    }

    private static DiagnosticInfo Report(ParameterCheck check, LocationInfo? location, string problem) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.ContradictoryEncoding, location, check.Parameter, problem);

    private static string? Problem(TypeRef type, DmsParameterStyle style)
    {
        if (type.IsScalar || type.Kind == TypeRefKind.Any)
        {
            return style == DmsParameterStyle.Plain ? null : Describe(type) + " is a scalar and takes no 'style'";
        }

        if (style == DmsParameterStyle.Plain)
        {
            return type.Kind == TypeRefKind.Object
                ? Describe(type) + " needs a 'style' (json, flat or repeatList)"
                : Describe(type) + " needs a 'style' (json, simple, flat or repeatList) to say how it is encoded";
        }

        if (style == DmsParameterStyle.Simple)
        {
            var element = type.Kind == TypeRefKind.Array ? type.Element! : null;
            return element is null ? "'simple' joins scalars with commas, so it needs an array of scalars"
                : element.IsScalar ? null
                : "'simple' joins scalars with commas, but " + Describe(element) + " is not a scalar";
        }

        return style == DmsParameterStyle.RepeatList && type.Kind != TypeRefKind.Array ? "'repeatList' needs an array" : null;
    }

    private static string Describe(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Enum => "the enum '" + type.Name + "'",
        TypeRefKind.Object => "the object type '" + type.Name!.Substring(type.Name.LastIndexOf('.') + 1) + "'",
        TypeRefKind.Array => "an array",
        TypeRefKind.Map => "a map",
        _ => "a " + type.Kind.ToString().ToLowerInvariant() + " value",
    };
}
