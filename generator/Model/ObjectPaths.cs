using System.Collections.Generic;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Model;

/// <summary>
/// Walks a dotted member path (wire names, e.g. <c>DataExportOrderDetail.KeyInfo.JobStatus</c>) through a
/// resolved object tree: each segment is a member, and every segment but the last must be an object whose
/// class this file declares (an inline type of the root, or a named type of the same spec).
/// </summary>
internal static class ObjectPaths
{
    /// <summary>
    /// The members along <paramref name="path"/> from <paramref name="root"/>. On failure <c>Members</c> holds the
    /// segments that did resolve and <c>Error</c> says why the next one does not.
    /// </summary>
    public static ObjectPath Resolve(SpecModel model, ObjectModel root, string path)
    {
        var members = new List<PropertyModel>();
        var current = root;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var member = Find(current, segments[i]);
            if (member is null)
            {
                return new ObjectPath(members, $"'{current.Name}' has no member '{segments[i]}'");
            }

            members.Add(member);
            if (i == segments.Length - 1)
            {
                break;
            }

            if (member.Type.Kind != TypeRefKind.Object)
            {
                return new ObjectPath(members, $"'{segments[i]}' is {Describe(member.Type)}, not an object, so it has no member '{segments[i + 1]}'");
            }

            var next = FindClass(model, root, member.Type.Name!);
            if (next is null)
            {
                return new ObjectPath(members, $"'{member.Type.Name}' is declared in another spec file; a path can only cross types of its own file");
            }

            current = next;
        }

        return new ObjectPath(members, null);
    }

    /// <summary>The class behind a resolved object type's relative name, when this file declares it.</summary>
    public static ObjectModel? FindClass(SpecModel model, ObjectModel root, string relativeName)
    {
        foreach (var nested in root.NestedTypes)
        {
            if (GeneratedNames.Nested(root.Name, nested.Name) == relativeName)
            {
                return nested;
            }
        }

        foreach (var type in model.Types)
        {
            if (type.Name == relativeName)
            {
                return type;
            }
        }

        return null;
    }

    private static PropertyModel? Find(ObjectModel model, string wireName)
    {
        foreach (var property in model.Properties)
        {
            if (property.WireName == wireName)
            {
                return property;
            }
        }

        return null;
    }

    private static string Describe(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Enum => "the enum " + type.Name,
        TypeRefKind.Array => "an array",
        TypeRefKind.Map => "a map",
        _ => "a " + type.Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>The members a path walked through, its end (<see cref="Type"/>), or why it does not resolve.</summary>
internal sealed record ObjectPath(IReadOnlyList<PropertyModel> Members, string? Error)
{
    public bool IsResolved => Error is null;

    /// <summary>The type at the end of the path; null unless resolved.</summary>
    public TypeRef? Type => IsResolved ? Members[Members.Count - 1].Type : null;
}
