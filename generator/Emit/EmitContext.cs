using System.Collections.Generic;
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

/// <summary>What every emitter needs: the namespace, the client name and how declared names resolve.</summary>
internal sealed class EmitContext
{
    private readonly Dictionary<string, IndexEntry> _named = new(System.StringComparer.Ordinal);

    public EmitContext(GeneratorOptions options, IEnumerable<IndexEntry> referencedTypes, IEnumerable<EnumModel> localEnums, IEnumerable<ObjectModel> localTypes)
    {
        Namespace = options.Namespace;
        ClientName = options.ClientName;
        foreach (var entry in referencedTypes)
        {
            _named[entry.Name] = entry;
        }

        // A file's own declarations resolve without the index too (they are in the same model).
        foreach (var model in localEnums)
        {
            _named[model.Name] = new IndexEntry(model.Name, DeclarationKind.Enum, model.Numeric, string.Empty, true);
        }

        foreach (var model in localTypes)
        {
            _named[model.Name] = new IndexEntry(model.Name, DeclarationKind.ObjectType, false, string.Empty, true);
        }
    }

    public string Namespace { get; }

    public string ClientName { get; }

    public string Qualify(string relativeName) => "global::" + Namespace + "." + relativeName;

    /// <summary>The kind a type really has: named types resolve to <see cref="ValueKind.Object"/> or to an enum.</summary>
    public bool IsEnum(TypeRef type, out bool numeric)
    {
        numeric = false;
        if (type.Kind == ValueKind.Named && _named.TryGetValue(type.Name!, out var entry) && entry.Kind == DeclarationKind.Enum)
        {
            numeric = entry.NumericEnum;
            return true;
        }

        return false;
    }

    public bool IsObject(TypeRef type) => type.Kind == ValueKind.Object || (type.Kind == ValueKind.Named && !IsEnum(type, out _));

    public bool IsValueType(TypeRef type) =>
        type.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double or ValueKind.Boolean or ValueKind.Any || IsEnum(type, out _);

    /// <summary>The C# type, without nullability.</summary>
    public string TypeName(TypeRef type) => type.Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Double => "double",
        ValueKind.Boolean => "bool",
        ValueKind.Any => KnownTypes.JsonElement,
        ValueKind.Array => KnownTypes.ReadOnlyList + "<" + TypeName(type.Element!) + ">",
        ValueKind.Map => KnownTypes.ReadOnlyDictionary + "<string, " + TypeName(type.Element!) + ">",
        _ => Qualify(type.Name!),
    };
}
