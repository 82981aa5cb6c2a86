using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// Resolves dotted wire-name paths (<c>DataExportOrderDetail.KeyInfo.JobStatus</c>) through inline objects and
/// this file's named types, from the response or from the request's parameters: the one rule behind waiter status
/// paths and pagination's response paths and (possibly nested) page fields. It runs while parsing, where the YAML
/// positions are, so named types are still unresolved: a name is an enum or type of this file (the class lookup is
/// the resolved model's <see cref="ObjectPaths.FindClass"/>), or of another file, which a path does not enter.
/// </summary>
internal sealed class MemberPaths
{
    private readonly ObjectModel _root;
    private readonly IReadOnlyList<ObjectModel> _types;
    private readonly IReadOnlyList<EnumModel> _enums;
    private readonly SpecModel _file;

    /// <summary>Set for request paths: a missing member is then DMS0044 (not a parameter of this operation).</summary>
    private readonly string? _requestOf;

    /// <summary>The wire path that reached the root, when it is not the top of the response (for messages).</summary>
    private readonly string? _at;

    /// <summary>
    /// Paths from <paramref name="root"/> (a response, or in validation a named type of the index reached through
    /// <paramref name="at"/>) through <paramref name="types"/>.
    /// </summary>
    public MemberPaths(ObjectModel root, IReadOnlyList<ObjectModel> types, IReadOnlyList<EnumModel> enums, string? at = null)
        : this(root, types, enums, null, at)
    {
    }

    private MemberPaths(ObjectModel root, IReadOnlyList<ObjectModel> types, IReadOnlyList<EnumModel> enums, string? requestOf, string? at)
    {
        _root = root;
        _at = at;
        _types = types;
        _enums = enums;
        _requestOf = requestOf;
        _file = new SpecModel(string.Empty, null, types.ToEquatableArray(), enums.ToEquatableArray());
    }

    /// <summary>The same rule over the operation's request: its parameters, their inline types and this file's types.</summary>
    public MemberPaths ForRequest(OperationModel operation)
    {
        var request = new ObjectModel(
            GeneratedNames.Request(operation.Name),
            Docs.None,
            operation.Parameters.Select(p => p.Property).ToEquatableArray(),
            operation.RequestTypes);
        return new MemberPaths(request, _types, _enums, operation.Name, null);
    }

    /// <summary>This file's enum of that name, if the type is one.</summary>
    public EnumModel? LocalEnum(TypeRef type) => type.Kind == TypeRefKind.Unresolved ? _enums.FirstOrDefault(e => e.Name == type.Name) : null;

    /// <summary>Whether <paramref name="owner"/> is a named type of this file rather than an inline one (or the root).</summary>
    public bool IsNamedType(ObjectModel owner) => _types.Contains(owner);

    /// <summary>
    /// The path as C# members and the type it ends at; reports DMS0040/DMS0044/DMS0041 (for <paramref name="what"/>) and
    /// returns null when it cannot be followed. With <paramref name="acrossFiles"/>, a path that enters a type of another
    /// file stops there, with the rest of it in <see cref="MemberPath.Rest"/> for validation to follow.
    /// </summary>
    public MemberPath? Resolve(ParseContext context, string path, LocationInfo? location, string what, bool acrossFiles = false) =>
        Walk(context, path, location, what, out var rest, acrossFiles) is { } steps
            ? new MemberPath(steps.Select(s => s.Property.Name).ToEquatableArray(), steps[steps.Count - 1].Property.Type) { Rest = rest }
            : null;

    /// <summary>Each member along the path with the object that holds it (the root first); null, after a diagnostic, when it cannot be followed.</summary>
    public IReadOnlyList<PathStep>? Walk(ParseContext context, string path, LocationInfo? location, string what) => Walk(context, path, location, what, out _, false);

    private IReadOnlyList<PathStep>? Walk(ParseContext context, string path, LocationInfo? location, string what, out string? rest, bool acrossFiles)
    {
        rest = null;
        var segments = path.Split('.');
        var steps = new List<PathStep>();
        var owner = _root;
        var root = _root;
        for (var i = 0; i < segments.Length; i++)
        {
            var property = owner.Properties.FirstOrDefault(p => p.WireName == segments[i]);
            var prefix = Full(string.Join(".", segments, 0, i));
            if (property is null)
            {
                ReportNotFound(context, location, what, path, segments[i], i == 0 && _at is null ? null : prefix, owner);
                return null;
            }

            steps.Add(new PathStep(owner, property));
            if (i == segments.Length - 1)
            {
                return steps;
            }

            var here = Full(string.Join(".", segments, 0, i + 1));
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
                    if (next is null && acrossFiles)
                    {
                        rest = string.Join(".", segments, i + 1, segments.Length - i - 1);
                        return steps;
                    }

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

    public string Describe(TypeRef type) => type.Kind == TypeRefKind.Unresolved
        ? LocalEnum(type) is null ? $"the type '{type.Name}'" : $"the enum '{type.Name}'"
        : DescribeKind(type);

    /// <summary>A type that is not a declared name, as messages say it.</summary>
    public static string DescribeKind(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Object => "an object",
        TypeRefKind.Array => "an array",
        TypeRefKind.Map => "a map",
        TypeRefKind.Any => "any JSON value",
        _ => "a " + type.Kind.ToString().ToLowerInvariant(),
    };

    private string Full(string path) => _at is null ? path : path.Length == 0 ? _at : _at + "." + path;

    private void ReportNotFound(ParseContext context, LocationInfo? location, string what, string path, string segment, string? prefix, ObjectModel owner)
    {
        var members = string.Join(", ", owner.Properties.Select(p => p.WireName));
        if (_requestOf is null)
        {
            context.Report(DiagnosticDescriptors.ResponsePathNotFound, location, what, segment, prefix is null ? string.Empty : $" in '{prefix}' (it has: {members})");
        }
        else
        {
            context.Report(DiagnosticDescriptors.PagingParameterNotFound, location, what, path, _requestOf, prefix is null ? string.Empty : $": '{prefix}' has no member '{segment}' (it has: {members})");
        }
    }
}

/// <summary>One member of a walked path and the object (the root, an inline type or a named type) that declares it.</summary>
internal sealed record PathStep(ObjectModel Owner, PropertyModel Property);
