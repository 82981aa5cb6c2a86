using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// Resolves dotted wire-name paths (<c>DataExportOrderDetail.KeyInfo.JobStatus</c>) through a response's inline
/// objects and this file's named types: the one rule behind waiter status paths and pagination's response paths.
/// It runs while parsing, where the YAML positions are, so named types are still unresolved: a name is an enum or
/// type of this file (the class lookup is the resolved model's <see cref="ObjectPaths.FindClass"/>), or of another
/// file, which a path does not enter.
/// </summary>
internal sealed class ResponsePaths
{
    private readonly ObjectModel _response;
    private readonly IReadOnlyList<ObjectModel> _types;
    private readonly IReadOnlyList<EnumModel> _enums;
    private readonly SpecModel _file;

    public ResponsePaths(ObjectModel response, IReadOnlyList<ObjectModel> types, IReadOnlyList<EnumModel> enums)
    {
        _response = response;
        _types = types;
        _enums = enums;
        _file = new SpecModel(string.Empty, null, types.ToEquatableArray(), enums.ToEquatableArray());
    }

    /// <summary>This file's enum of that name, if the type is one.</summary>
    public EnumModel? LocalEnum(TypeRef type) => type.Kind == TypeRefKind.Unresolved ? _enums.FirstOrDefault(e => e.Name == type.Name) : null;

    /// <summary>The path as C# members and the type it ends at; reports DMS0040/DMS0041 (for <paramref name="what"/>) and returns null when it cannot be followed.</summary>
    public MemberPath? Resolve(ParseContext context, string path, LocationInfo location, string what)
    {
        var segments = path.Split('.');
        var members = new List<string>();
        var owner = _response;
        var root = _response;
        for (var i = 0; i < segments.Length; i++)
        {
            var property = owner.Properties.FirstOrDefault(p => p.WireName == segments[i]);
            var prefix = string.Join(".", segments, 0, i);
            if (property is null)
            {
                var where = i == 0 ? string.Empty : $" in '{prefix}' (it has: {string.Join(", ", owner.Properties.Select(p => p.WireName))})";
                context.Report(DiagnosticDescriptors.ResponsePathNotFound, location, what, segments[i], where);
                return null;
            }

            members.Add(property.Name);
            if (i == segments.Length - 1)
            {
                return new MemberPath(members.ToEquatableArray(), property.Type);
            }

            var here = string.Join(".", segments, 0, i + 1);
            var type = property.Type;
            ObjectModel? next = null;
            string? problem = null;
            switch (type.Kind)
            {
                case TypeRefKind.Object:
                    next = ObjectPaths.FindClass(_file, root, type.Name!);
                    break;
                case TypeRefKind.Unresolved when LocalEnum(type) is null:
                    next = _types.FirstOrDefault(t => t.Name == type.Name);
                    root = next ?? root;
                    problem = next is null ? $"is the type '{type.Name}' of another spec file, which a path cannot enter; declare the path's types in this file" : null;
                    break;
                case TypeRefKind.Array:
                    problem = "is an array; a path cannot cross an array";
                    break;
                default:
                    problem = $"is {Describe(type)}, which has no members";
                    break;
            }

            if (next is null)
            {
                context.Report(DiagnosticDescriptors.WrongValueKind, location, what, here, problem ?? "cannot be followed");
                return null;
            }

            owner = next;
        }

        return null;
    }

    public string Describe(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Unresolved => LocalEnum(type) is null ? $"the type '{type.Name}'" : $"the enum '{type.Name}'",
        TypeRefKind.Object => "an object",
        TypeRefKind.Array => "an array",
        TypeRefKind.Map => "a map",
        TypeRefKind.Any => "any JSON value",
        _ => "a " + type.Kind.ToString().ToLowerInvariant(),
    };
}
