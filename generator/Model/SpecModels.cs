using System.Linq;

namespace Dms.Codegen.Generator.Model;

// The emit model: everything the emitters need and nothing else (no locations, no YAML or Roslyn objects),
// so that an edit that changes only positions or comments leaves it equal and the emit step cached.

/// <summary>The kinds of type a spec can describe.</summary>
internal enum TypeRefKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    Any,

    /// <summary>A generated class: an inline object (<c>{Root}.Types.{Name}</c>) or a named type.</summary>
    Object,

    /// <summary>A generated extensible enum; <see cref="TypeRef.NumericEnum"/> says whether it is written as a number.</summary>
    Enum,
    Array,
    Map,

    /// <summary>
    /// A declared name as the parser saw it, before validation knows whether it is a type or an enum. The
    /// validator replaces every one with <see cref="Object"/> or <see cref="Enum"/>; the emitters never see it.
    /// </summary>
    Unresolved,
}

/// <summary>
/// A value's type. <see cref="Name"/> is the C# name relative to the namespace for objects and enums (and the
/// declared name while <see cref="TypeRefKind.Unresolved"/>); <see cref="Element"/> is an array's item or a map's value.
/// </summary>
internal sealed record TypeRef(TypeRefKind Kind, string? Name = null, TypeRef? Element = null, bool NumericEnum = false)
{
    public static readonly TypeRef String = new(TypeRefKind.String);

    // One instance per built-in scalar: a fresh one per member was garbage (records compare by value anyway).
    public static readonly TypeRef Int32 = new(TypeRefKind.Int32);
    public static readonly TypeRef Int64 = new(TypeRefKind.Int64);
    public static readonly TypeRef Double = new(TypeRefKind.Double);
    public static readonly TypeRef Boolean = new(TypeRefKind.Boolean);
    public static readonly TypeRef Any = new(TypeRefKind.Any);

    /// <summary>One value on the wire: the five scalars and enums.</summary>
    public bool IsScalar => Kind is TypeRefKind.String or TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Double or TypeRefKind.Boolean or TypeRefKind.Enum;

    /// <summary>A C# value type (nullable with <c>?</c> as <c>Nullable&lt;T&gt;</c>).</summary>
    public bool IsValueType => Kind is TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.Double or TypeRefKind.Boolean or TypeRefKind.Any or TypeRefKind.Enum;

    /// <summary>The kind the runtime's parameter descriptor records: an enum travels as its underlying value.</summary>
    public DmsValueKind WireKind => Kind switch
    {
        TypeRefKind.String => DmsValueKind.String,
        TypeRefKind.Int32 => DmsValueKind.Int32,
        TypeRefKind.Int64 => DmsValueKind.Int64,
        TypeRefKind.Double => DmsValueKind.Double,
        TypeRefKind.Boolean => DmsValueKind.Boolean,
        TypeRefKind.Any => DmsValueKind.Any,
        TypeRefKind.Object => DmsValueKind.Object,
        TypeRefKind.Enum => NumericEnum ? DmsValueKind.Int64 : DmsValueKind.String,
        TypeRefKind.Array => DmsValueKind.Array,
        TypeRefKind.Map => DmsValueKind.Map,
        _ => throw new System.InvalidOperationException("unresolved type '" + Name + "' has no wire kind"),
    };

    public static TypeRef Object(string name) => new(TypeRefKind.Object, name);

    public static TypeRef Enum(string name, bool numeric) => new(TypeRefKind.Enum, name, NumericEnum: numeric);

    public static TypeRef Unresolved(string name) => new(TypeRefKind.Unresolved, name);
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
internal sealed record ObjectModel(string Name, Docs Docs, EquatableArray<PropertyModel> Properties, EquatableArray<ObjectModel> NestedTypes)
{
    /// <summary>The members and inline types without their documentation: what the cross-file index keeps of a named type.</summary>
    public ObjectModel Shape() => this with
    {
        Docs = Docs.None,
        Properties = Properties.Select(p => p with { Docs = Docs.None }).ToEquatableArray(),
        NestedTypes = NestedTypes.Select(n => n.Shape()).ToEquatableArray(),
    };

    /// <summary>Whether the type, one of its members or one of its inline types is deprecated.</summary>
    public bool HasDeprecated => Docs.Deprecated || Properties.Any(p => p.Docs.Deprecated) || NestedTypes.Any(n => n.HasDeprecated);
}

internal sealed record EnumValueModel(string Value, string Name, string? Description, bool Deprecated);

/// <summary>An extensible enum; <see cref="Numeric"/> enums are written to JSON as numbers.</summary>
internal sealed record EnumModel(string Name, bool Numeric, Docs Docs, EquatableArray<EnumValueModel> Values);

/// <summary>A parameter and how it goes on the wire (the vocabulary is the runtime's, <c>DmsWireVocabulary.cs</c>).</summary>
internal sealed record ParameterModel(PropertyModel Property, DmsParameterLocation Location, DmsParameterStyle Style);

/// <summary>One DMS operation. The request's inline types are in <see cref="RequestTypes"/>.</summary>
internal sealed record OperationModel(
    string Name,
    string Version,
    DmsHttpMethod Method,
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
    EquatableArray<EnumModel> Enums)
{
    /// <summary>Whether anything the file generates is marked <c>[Obsolete]</c> (deprecated in the spec).</summary>
    public bool HasDeprecated =>
        Enums.Any(e => e.Docs.Deprecated || e.Values.Any(v => v.Deprecated))
        || Types.Any(t => t.HasDeprecated)
        || (Operation is { } operation
            && (operation.Docs.Deprecated
                || operation.Parameters.Any(p => p.Property.Docs.Deprecated)
                || operation.RequestTypes.Any(t => t.HasDeprecated)
                || operation.Response.HasDeprecated));
}

/// <summary>A name that a spec file declares at namespace level. <see cref="Location"/> is null in the index's copy.</summary>
internal sealed record Declaration(string Name, DeclarationKind Kind, bool NumericEnum, LocationInfo? Location)
{
    /// <summary>An enum's documented wire values, which a waiter in any file may name as states.</summary>
    public EquatableArray<string> EnumValues { get; init; } = EquatableArray<string>.Empty;

    /// <summary>A named type's members (<see cref="ObjectModel.Shape"/>), which a waiter's status path in any file may go through.</summary>
    public ObjectModel? Shape { get; init; }
}

internal enum DeclarationKind
{
    Operation,
    ObjectType,
    Enum,

    /// <summary>A generated name that is not itself referable, such as <c>{Operation}Request</c>.</summary>
    Reserved,

    /// <summary>
    /// An extension method over the client interface (a waiter's or paginator's): these must be unique among
    /// themselves, since <c>Wait{Name}Async(new() { ... })</c> cannot pick between two, but not apart from types.
    /// </summary>
    ExtensionMethod,
}

/// <summary>A use of a declared name, kept with its position for "unknown type" diagnostics.</summary>
internal sealed record NameReference(string Name, LocationInfo? Location);

/// <summary>
/// A parameter's placement, checked by <c>EncodingRules</c> (DMS0011) once its type is resolved, since whether
/// a declared name is a scalar (an enum) or an object decides which styles fit.
/// </summary>
internal sealed record ParameterCheck(string Parameter, TypeRef Type, DmsParameterStyle Style, DmsParameterLocation Location, DmsHttpMethod Method, LocationInfo? KeyLocation, LocationInfo? TypeLocation);

/// <summary>
/// A waiter whose status is a declared name (an enum, in this file or another): its states are checked by
/// <c>WaiterStateRules</c> (DMS0041, DMS0042) against the enum's values in the index.
/// </summary>
internal sealed record StateCheck(string Waiter, string StatusPath, string TypeName, LocationInfo? StatusLocation, EquatableArray<StateValue> States)
{
    /// <summary>Set when the path goes on through <see cref="TypeName"/>, a type of another file: the wire path after it.</summary>
    public string? Rest { get; init; }
}

/// <summary>One state a waiter lists, where it is listed.</summary>
internal sealed record StateValue(string Value, LocationInfo? Location);

/// <summary>What a file contributes to, and needs from, the other files.</summary>
internal sealed record SpecSummary(
    string FilePath,
    bool HasParseErrors,
    EquatableArray<Declaration> Declarations,
    EquatableArray<NameReference> References,
    EquatableArray<ParameterCheck> ParameterChecks,
    string? HintName = null)
{
    public EquatableArray<StateCheck> StateChecks { get; init; } = EquatableArray<StateCheck>.Empty;

    /// <summary>
    /// The copy the cross-file index is built from: without positions, so that an edit that only moves text
    /// leaves the index equal and the other files' steps cached.
    /// </summary>
    public SpecSummary WithoutLocations() => this with
    {
        Declarations = Declarations.Select(d => d with { Location = null }).ToEquatableArray(),
        References = References.Select(r => r with { Location = null }).ToEquatableArray(),
        ParameterChecks = ParameterChecks.Select(c => c with { KeyLocation = null, TypeLocation = null }).ToEquatableArray(),
        StateChecks = StateChecks.Select(c => c with { StatusLocation = null, States = c.States.Select(s => s with { Location = null }).ToEquatableArray() }).ToEquatableArray(),
    };
}

/// <summary>The parse step's result for one file.</summary>
internal sealed record ParsedSpec(SpecModel? Model, SpecSummary Summary, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A declared name as the whole compilation sees it: which file declares it and whether that file generates code.</summary>
internal sealed record IndexEntry(string Name, DeclarationKind Kind, bool NumericEnum, string FilePath, bool FileUsable)
{
    public EquatableArray<string> EnumValues { get; init; } = EquatableArray<string>.Empty;

    public ObjectModel? Shape { get; init; }
}

/// <summary>
/// Every declared name of every spec, sorted by name, with each file's usability worked out.
/// <see cref="Failure"/> is set only if building the index hit a bug; then nothing is generated.
/// </summary>
internal sealed record SpecIndex(EquatableArray<IndexEntry> Entries, string? Failure = null)
{
    /// <summary>Every file's hint name as parsed, sorted (ordinal), so that each file can find its unique one.</summary>
    public EquatableArray<string> HintNames { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The unique hint name (<c>GeneratedNames.UniqueHintNames</c>) of each of <see cref="HintNames"/>, in the same order.</summary>
    public EquatableArray<string> UniqueHintNames { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>
/// The validate step's result: the resolved model to emit (null when the file has errors) and all diagnostics.
/// In the resolved model every <see cref="TypeRef"/> knows its kind and every name is final.
/// </summary>
internal sealed record ValidatedSpec(SpecModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
