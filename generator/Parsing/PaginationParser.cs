using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>Parses <c>pagination:</c>: the page and size parameters and the response's items, total and next token.</summary>
internal static class PaginationParser
{
    public static readonly string[] PaginationKeys = { "style", "page", "size", "items", "total", "nextToken", "firstPage" };

    public static PaginationModel? Parse(ParseContext context, YamlNode? node, OperationModel operation, ResponsePaths paths)
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
        var page = Parameter(context, node, "page", operation, token ? "a string (the token)" : "int32, int64 or string", token, null);
        var size = ParseContext.Find(node, "size") is null ? null : Parameter(context, node, "size", operation, "int32, int64, string or an enum of such values", false, paths);
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
        return failed ? null : new PaginationModel(style, firstPage!.Value, page!, size, items, total, next);
    }

    /// <summary>A page or size parameter; a size may also be an enum of sizes (two DMS operations list 10, 20, 50, 100).</summary>
    private static PageParameter? Parameter(ParseContext context, YamlNode node, string key, OperationModel operation, string expected, bool stringOnly, ResponsePaths? enums)
    {
        var valueNode = ParseContext.Find(node, key)!;
        var wire = context.GetText(node, key);
        if (wire is null)
        {
            return null;
        }

        var parameter = operation.Parameters.FirstOrDefault(p => p.Property.WireName == wire);
        if (parameter is null)
        {
            context.Report(DiagnosticDescriptors.PagingParameterNotFound, valueNode.Location, key, wire, operation.Name);
            return null;
        }

        var type = parameter.Property.Type;
        var kind = type.Kind;
        if (kind == TypeRefKind.Unresolved && enums?.LocalEnum(type) is not null)
        {
            return new PageParameter(parameter.Property.Name, kind, parameter.Property.Required, type.Name);
        }

        if (stringOnly ? kind != TypeRefKind.String : kind is not (TypeRefKind.Int32 or TypeRefKind.Int64 or TypeRefKind.String))
        {
            context.Report(DiagnosticDescriptors.WrongValueKind, valueNode.Location, "pagination", wire, $"is a {(kind == TypeRefKind.Unresolved ? parameter.Property.Type.Name : kind.ToString().ToLowerInvariant())} parameter; the {key} must be {expected}");
            return null;
        }

        return new PageParameter(parameter.Property.Name, kind, parameter.Property.Required);
    }

    private static MemberPath? Path(ParseContext context, YamlNode node, string key, ResponsePaths paths, System.Func<TypeRef, bool> fits, string expected)
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
