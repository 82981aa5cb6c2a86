using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

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
/// What the emitters of one file share besides the resolved model: the options, how a type is spelt from a
/// given root class, and the file's helper methods. No name is looked up while writing: spellings follow
/// from the model alone.
/// </summary>
internal sealed class EmitContext
{
    private readonly Dictionary<string, HashSet<string>> _inlineNames = new(System.StringComparer.Ordinal);

    public EmitContext(GeneratorOptions options, SpecModel? model = null)
    {
        Namespace = options.Namespace;
        ClientName = options.ClientName;
        Accessibility = options.Accessibility;
        Helpers = new FileHelpers(this, model?.HintName ?? string.Empty);
        if (model?.Operation is { } operation)
        {
            AddRoot(GeneratedNames.Request(operation.Name), operation.RequestTypes);
            AddRoot(operation.Response.Name, operation.Response.NestedTypes);
        }

        foreach (var type in model?.Types ?? EquatableArray<ObjectModel>.Empty)
        {
            AddRoot(type.Name, type.NestedTypes);
        }

        Reader = model is not null && HidesReaderMethod(model) ? KnownTypes.JsonReader + "." : string.Empty;
    }

    /// <summary>
    /// How DmsJsonReader's methods are called: by simple name through <c>using static</c>, or qualified when a
    /// member or type of this file has such a name (it would hide the method).
    /// </summary>
    public string Reader { get; } = string.Empty;

    public string Namespace { get; }

    public string ClientName { get; }

    /// <summary>The modifier of every namespace-level generated type: <c>public</c> or <c>internal</c>.</summary>
    public string Accessibility { get; }

    /// <summary>The file-local helper methods this file's code calls (array and map readers, parameter writers).</summary>
    public FileHelpers Helpers { get; }

    /// <summary>The modifier for a generated type: nested types are public inside their (possibly internal) root.</summary>
    public string ModifierFor(string relativeName) => relativeName.IndexOf('.') >= 0 ? GeneratorOptions.Public : Accessibility;

    public string Qualify(string relativeName) => "global::" + Namespace + "." + relativeName;

    /// <summary>
    /// The C# type, without nullability, as written inside the root class <paramref name="root"/> (null: at
    /// namespace level). Inline types are <c>Types.X</c> inside their root; a namespace-level name is written
    /// short unless an inline type of the root would hide it, then with <c>global::</c>.
    /// </summary>
    public string TypeName(TypeRef type, string? root) => type.Kind switch
    {
        TypeRefKind.String => "string",
        TypeRefKind.Int32 => "int",
        TypeRefKind.Int64 => "long",
        TypeRefKind.Double => "double",
        TypeRefKind.Boolean => "bool",
        TypeRefKind.Any => KnownTypes.JsonElement,
        TypeRefKind.Array => KnownTypes.ReadOnlyList + "<" + TypeName(type.Element!, root) + ">",
        TypeRefKind.Map => KnownTypes.ReadOnlyDictionary + "<string, " + TypeName(type.Element!, root) + ">",
        TypeRefKind.Object or TypeRefKind.Enum => Declared(type.Name!, root),
        _ => throw new System.InvalidOperationException("unresolved type '" + type.Name + "' reached the emitter"),
    };

    private string Declared(string name, string? root)
    {
        if (root is null)
        {
            return name;
        }

        // "{root}.Types.X" is written "Types.X"; compared in place (a prefix string and a split per spelling were garbage).
        var types = GeneratedNames.NestedTypesClass;
        if (name.Length >= root.Length + types.Length + 2 && name.StartsWith(root, System.StringComparison.Ordinal) && name[root.Length] == '.'
            && string.CompareOrdinal(name, root.Length + 1, types, 0, types.Length) == 0 && name[root.Length + 1 + types.Length] == '.')
        {
            return name.Substring(root.Length + 1);
        }

        var dot = name.IndexOf('.');
        var first = dot < 0 ? name : name.Substring(0, dot);
        var hidden = first == GeneratedNames.NestedTypesClass || (_inlineNames.TryGetValue(root, out var inline) && inline.Contains(first));
        return hidden ? Qualify(name) : name;
    }

    private static readonly HashSet<string> ReaderMethods = new(JsonEmitter.ReaderMethods, System.StringComparer.Ordinal);

    /// <summary>Whether a type or member of the file has the name of a DmsJsonReader method (checked in place: no set per file).</summary>
    private static bool HidesReaderMethod(SpecModel model)
    {
        static bool Hides(ObjectModel type)
        {
            if (ReaderMethods.Contains(type.Name))
            {
                return true;
            }

            foreach (var property in type.Properties)
            {
                if (ReaderMethods.Contains(property.Name.TrimStart('@')))
                {
                    return true;
                }
            }

            foreach (var nested in type.NestedTypes)
            {
                if (Hides(nested))
                {
                    return true;
                }
            }

            return false;
        }

        if (model.Operation is { } operation && (Hides(operation.Response) || operation.RequestTypes.Any(Hides)))
        {
            return true;
        }

        return model.Types.Any(Hides);
    }

    private void AddRoot(string root, EquatableArray<ObjectModel> nested)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var type in nested)
        {
            names.Add(type.Name);
        }

        _inlineNames[root] = names;
    }
}
