using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Emit;

/// <summary>How a generated class is used, which decides nullability, <c>required</c> and which JSON code it gets.</summary>
internal enum ObjectMode
{
    /// <summary>Inline request types: only written (JSON-encoded parameters); required members are C# <c>required</c>.</summary>
    Request,

    /// <summary>Response types: read and written; every member nullable, because DMS may omit any.</summary>
    Response,

    /// <summary>Named shared types, usable on both sides: read and written, nullable, required members checked by Validate.</summary>
    Shared,
}

/// <summary>
/// What every emitter needs besides the resolved model: the options. Everything here is a pure function of
/// its arguments; no name is looked up while writing.
/// </summary>
internal sealed class EmitContext
{
    public EmitContext(GeneratorOptions options)
    {
        Namespace = options.Namespace;
        ClientName = options.ClientName;
        Accessibility = options.Accessibility;
    }

    public string Namespace { get; }

    public string ClientName { get; }

    /// <summary>The modifier of every namespace-level generated type: <c>public</c> or <c>internal</c>.</summary>
    public string Accessibility { get; }

    /// <summary>The modifier for a generated type: nested types are public inside their (possibly internal) root.</summary>
    public string ModifierFor(string relativeName) => relativeName.IndexOf('.') >= 0 ? GeneratorOptions.Public : Accessibility;

    public string Qualify(string relativeName) => "global::" + Namespace + "." + relativeName;

    /// <summary>The C# type, without nullability.</summary>
    public string TypeName(TypeRef type) => type.Kind switch
    {
        TypeRefKind.String => "string",
        TypeRefKind.Int32 => "int",
        TypeRefKind.Int64 => "long",
        TypeRefKind.Double => "double",
        TypeRefKind.Boolean => "bool",
        TypeRefKind.Any => KnownTypes.JsonElement,
        TypeRefKind.Array => KnownTypes.ReadOnlyList + "<" + TypeName(type.Element!) + ">",
        TypeRefKind.Map => KnownTypes.ReadOnlyDictionary + "<string, " + TypeName(type.Element!) + ">",
        TypeRefKind.Object or TypeRefKind.Enum => Qualify(type.Name!),
        _ => throw new System.InvalidOperationException("unresolved type '" + type.Name + "' reached the emitter"),
    };
}
