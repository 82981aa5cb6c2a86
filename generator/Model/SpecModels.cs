using System.Linq;

namespace Dms.Codegen.Generator.Model;

// The emit model: everything the emitters need and nothing else (no locations, no YAML or Roslyn objects),
// so that an edit that changes only positions or comments leaves it equal and the emit step cached.

/// <summary>The kinds of value a spec can describe.</summary>
internal enum ValueKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    Any,
    Object,
    Array,
    Map,

    /// <summary>A name declared by some spec file: a named object type or an enum, resolved at emit time.</summary>
    Named,
}

/// <summary>A value's type. <see cref="Name"/> is the C# type for objects (relative to the namespace) and the declared name for <see cref="ValueKind.Named"/>.</summary>
internal sealed record TypeRef(ValueKind Kind, string? Name = null, TypeRef? Element = null)
{
    public static readonly TypeRef String = new(ValueKind.String);

    public bool IsScalar => Kind is ValueKind.String or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.Boolean;
}

/// <summary>Text that becomes XML documentation.</summary>
internal sealed record Docs(string? Summary, string? Remarks, string? Example, bool Deprecated)
{
    public static readonly Docs None = new(null, null, null, false);
}

/// <summary>A member of a generated class: a JSON property or an operation parameter.</summary>
internal sealed record PropertyModel(string WireName, string Name, TypeRef Type, bool Required, Docs Docs);

/// <summary>
/// A generated class with JSON reading and writing. <see cref="Name"/> is its simple name;
/// <see cref="NestedTypes"/> are the inline object types declared below it (only roots have them).
/// </summary>
internal sealed record ObjectModel(string Name, Docs Docs, EquatableArray<PropertyModel> Properties, EquatableArray<ObjectModel> NestedTypes);

internal sealed record EnumValueModel(string Value, string Name, string? Description, bool Deprecated);

/// <summary>An extensible enum; <see cref="Numeric"/> enums are written to JSON as numbers.</summary>
internal sealed record EnumModel(string Name, bool Numeric, Docs Docs, EquatableArray<EnumValueModel> Values);

/// <summary>How a parameter goes on the wire.</summary>
internal enum ParameterStyle
{
    Plain,
    Json,
    Simple,
    Flat,
    RepeatList,
}

internal sealed record ParameterModel(PropertyModel Property, bool InForm, ParameterStyle Style);

/// <summary>One DMS operation. The request's inline types are in <see cref="RequestTypes"/>.</summary>
internal sealed record OperationModel(
    string Name,
    string Version,
    bool IsGet,
    Docs Docs,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<ObjectModel> RequestTypes,
    ObjectModel Response,
    WorkflowModel? Workflow = null);

/// <summary>Everything one spec file declares.</summary>
internal sealed record SpecModel(
    string HintName,
    OperationModel? Operation,
    EquatableArray<ObjectModel> Types,
    EquatableArray<EnumModel> Enums);

/// <summary>A name that a spec file declares at namespace level. <see cref="Location"/> is null in the index's copy.</summary>
internal sealed record Declaration(string Name, DeclarationKind Kind, bool NumericEnum, LocationInfo? Location);

internal enum DeclarationKind
{
    Operation,
    ObjectType,
    Enum,

    /// <summary>A generated name that is not itself referable, such as <c>{Operation}Request</c>.</summary>
    Reserved,
}

/// <summary>A use of a declared name, kept with its position for "unknown type" diagnostics.</summary>
internal sealed record NameReference(string Name, LocationInfo? Location);

/// <summary>
/// A parameter whose type is a declared name: whether its style fits can only be told once the name is
/// resolved (an enum is a scalar, a named type an object).
/// </summary>
internal sealed record ParameterTypeCheck(string Parameter, string TypeName, ParameterStyle Style, bool IsArrayElement, LocationInfo? Location);

/// <summary>What a file contributes to, and needs from, the other files.</summary>
internal sealed record SpecSummary(
    string FilePath,
    bool HasParseErrors,
    EquatableArray<Declaration> Declarations,
    EquatableArray<NameReference> References,
    EquatableArray<ParameterTypeCheck> ParameterChecks)
{
    /// <summary>
    /// The copy the cross-file index is built from: without positions, so that an edit that only moves text
    /// leaves the index equal and the other files' steps cached.
    /// </summary>
    public SpecSummary WithoutLocations() => this with
    {
        Declarations = Declarations.Select(d => d with { Location = null }).ToEquatableArray(),
        References = References.Select(r => r with { Location = null }).ToEquatableArray(),
        ParameterChecks = ParameterChecks.Select(c => c with { Location = null }).ToEquatableArray(),
    };
}

/// <summary>The parse step's result for one file.</summary>
internal sealed record ParsedSpec(SpecModel? Model, SpecSummary Summary, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A declared name as the whole compilation sees it: which file declares it and whether that file generates code.</summary>
internal sealed record IndexEntry(string Name, DeclarationKind Kind, bool NumericEnum, string FilePath, bool FileUsable);

/// <summary>
/// Every declared name of every spec, sorted by name, with each file's usability worked out.
/// <see cref="Failure"/> is set only if building the index hit a bug; then nothing is generated.
/// </summary>
internal sealed record SpecIndex(EquatableArray<IndexEntry> Entries, string? Failure = null);

/// <summary>The validate step's result: the model to emit (null when the file has errors), the named types it uses, and all diagnostics.</summary>
internal sealed record ValidatedSpec(SpecModel? Model, EquatableArray<IndexEntry> ReferencedTypes, EquatableArray<DiagnosticInfo> Diagnostics);
