using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>Parses <c>pagination:</c>: the page and size parameters and the response's items, total and next token.</summary>
internal static class PaginationParser
{
    public static readonly string[] PaginationKeys = { "style", "page", "size", "items", "total", "nextToken", "firstPage" };

    public static PaginationModel? Parse(ParseContext context, YamlNode? node, OperationModel operation, MemberPaths paths)
    {
        if (node is null || !context.IsMapping(node, "pagination"))
        {
            return null;
        }

        context.CheckKeys(node, "pagination", PaginationKeys);
        var styleWord = context.GetWord(node, "style", "pageNumber", "pageNumber", "offset", "token");
        if (ParseContext.Find(node, "style") is null || ParseContext.Find(node, "page") is null)
        {
            context.Report(DiagnosticDescriptors.MissingKey, node.Location, "pagination", ParseContext.Find(node, "style") is null ? "style" : "page");
            return null;
        }

        var style = styleWord switch { "offset" => PagingStyle.Offset, "token" => PagingStyle.Token, _ => PagingStyle.PageNumber };
        var token = style == PagingStyle.Token;
        var request = paths.ForRequest(operation);
        var objects = new List<PageObject>();
        var page = Parameter(context, node, "page", request, token ? "a string (the token)" : "int32, int64 or string", token, false, objects);
        var size = ParseContext.Find(node, "size") is null ? null : Parameter(context, node, "size", request, "int32, int64, string or an enum of such values", false, true, objects);
        var items = Path(context, node, "items", paths, type => type.Kind == TypeRefKind.Array, "an array");
        var total = Path(context, node, "total", paths, type => type.Kind is TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.String, "int32, int64 or string");
        var next = Path(context, node, "nextToken", paths, type => type.Kind == TypeRefKind.String, "a string");
        var firstPage = FirstPage(context, node);
        var nextNode = ParseContext.Find(node, "nextToken");
        if (token && nextNode is null)
        {
            context.Report(DiagnosticDescriptors.MissingKey, node.Location, "A token pagination", "nextToken");
            return null;
        }

        if (!token && nextNode is not null)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, nextNode.Location, "nextToken", "only style: token follows a next token");
            return null;
        }

        var failed = page is null || firstPage is null
            || (size is null && ParseContext.Find(node, "size") is not null)
            || (items is null && ParseContext.Find(node, "items") is not null)
            || (total is null && ParseContext.Find(node, "total") is not null)
            || (next is null && nextNode is not null);
        return failed ? null : new PaginationModel(style, firstPage!.Value, page!, size, items, total, next) { Objects = objects.ToEquatableArray(), Wire = Wire(node) };
    }

    // Read once the block is valid, so every value is a scalar already checked (and reported) above.
    private static PagingWirePaths Wire(YamlNode node) =>
        new(ParseContext.Find(node, "page")!.Value!, Text(node, "size"), Text(node, "items"), Text(node, "total"), Text(node, "nextToken"));

    private static string? Text(YamlNode node, string key) => ParseContext.Find(node, key)?.Value;

    /// <summary>
    /// A page or size field: a parameter, or a dotted path into object parameters, resolved by the same rule as
    /// response paths. A size may also be an enum of sizes (two DMS operations list 10, 20, 50, 100). The objects on
    /// a nested path go into <paramref name="objects"/>, for the page copy to recreate.
    /// </summary>
    private static PageParameter? Parameter(ParseContext context, YamlNode node, string key, MemberPaths request, string expected, bool stringOnly, bool enumAllowed, List<PageObject> objects)
    {
        var valueNode = ParseContext.Find(node, key)!;
        var wire = context.GetText(node, key);
        var what = $"pagination '{key}'";
        if (wire is null || request.Walk(context, wire, valueNode.Location, what) is not { } steps)
        {
            return null;
        }

        var type = steps[steps.Count - 1].Property.Type;
        var kind = type.Kind;
        var path = steps.Select(s => new PageStep(s.Property.Name, IsCSharpRequired(request, s))).ToEquatableArray();
        if (!Objects(context, valueNode.Location, what, wire, request, steps, objects))
        {
            return null;
        }

        if (kind == TypeRefKind.Unresolved && enumAllowed && request.LocalEnum(type) is not null)
        {
            return new PageParameter(path, kind, type.Name);
        }

        if (stringOnly ? kind != TypeRefKind.String : kind is not (TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.String))
        {
            context.Report(DiagnosticDescriptors.WrongValueKind, valueNode.Location, "pagination", wire, $"is {request.Describe(type)}; the {key} must be {expected}");
            return null;
        }

        return new PageParameter(path, kind);
    }

    /// <summary>
    /// Records the objects a nested path passes through. Each is created anew for every page, also when the caller
    /// left it unset; a C# <c>required</c> member of such an object could then not be filled, so that is DMS0041.
    /// </summary>
    private static bool Objects(ParseContext context, LocationInfo location, string what, string wire, MemberPaths request, IReadOnlyList<PathStep> steps, List<PageObject> objects)
    {
        var alwaysSet = true;
        for (var i = 0; i < steps.Count - 1; i++)
        {
            alwaysSet &= IsCSharpRequired(request, steps[i]);
            var type = steps[i + 1].Owner;
            var at = string.Join(".", steps.Take(i + 1).Select(s => s.Property.Name));
            var required = alwaysSet ? null : type.Properties.FirstOrDefault(p => IsCSharpRequired(request, new PathStep(type, p)));
            if (required is not null)
            {
                var holder = string.Join(".", wire.Split('.').Take(i + 1));
                context.Report(DiagnosticDescriptors.WrongValueKind, location, what, holder, $"has the required member '{required.WireName}', which the page copy cannot fill when a request leaves '{holder}' unset; make the member optional");
                return false;
            }

            if (!objects.Any(o => o.At == at))
            {
                var members = type.Properties.Select(p => p.Name);
                objects.Add(new PageObject(at, (request.IsNamedType(type) ? members.Concat(new[] { GeneratedNames.AdditionalProperties }) : members).ToEquatableArray()));
            }
        }

        return true;
    }

    /// <summary>Request parameters and inline request types make required members C# <c>required</c>; named (shared) types do not.</summary>
    private static bool IsCSharpRequired(MemberPaths request, PathStep step) => step.Property.Required && !request.IsNamedType(step.Owner);

    private static MemberPath? Path(ParseContext context, YamlNode node, string key, MemberPaths paths, System.Func<TypeRef, bool> fits, string expected)
    {
        var valueNode = ParseContext.Find(node, key);
        var text = context.GetText(node, key);
        if (valueNode is null || text is null)
        {
            return null;
        }

        var path = paths.Resolve(context, text, valueNode.Location, $"pagination '{key}'");
        if (path is not null && !fits(path.Type))
        {
            context.Report(DiagnosticDescriptors.WrongValueKind, valueNode.Location, $"pagination '{key}'", text, $"is {paths.Describe(path.Type)}; it must be {expected}");
            return null;
        }

        return path;
    }

    private static long? FirstPage(ParseContext context, YamlNode node)
    {
        var valueNode = ParseContext.Find(node, "firstPage");
        if (valueNode is null)
        {
            return 1;
        }

        if (valueNode.Kind == YamlNodeKind.Scalar && long.TryParse(valueNode.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first))
        {
            return first;
        }

        context.Report(DiagnosticDescriptors.InvalidValue, valueNode.Location, "firstPage", "expected a page number such as 0 or 1");
        return null;
    }
}
