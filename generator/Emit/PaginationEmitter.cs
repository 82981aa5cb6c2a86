using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Emits <c>{Operation}PagesAsync</c> and <c>{Operation}ItemsAsync</c>: extension methods over the client interface
/// that run the runtime's paginator with a copy of the request per page.
/// </summary>
internal static class PaginationEmitter
{

    public static void Emit(SourceWriter w, EmitContext context, OperationModel operation, PaginationModel pagination)
    {
        var name = operation.Name;
        var response = GeneratedNames.Response(name);
        var request = GeneratedNames.Request(name);
        var client = "I" + context.ClientName;
        var paginator = $"DmsPaginator<{request}, {response}>";
        var options = $"DmsPageOptions?";
        var pages = $"{KnownTypes.AsyncEnumerable}<{response}>";
        w.Line($"private static readonly {paginator} {name}Paginator = new(");
        w.Line($"    {JsonEmitter.Literal(name)},");
        w.Line($"    DmsPagingStyle.{pagination.Style},");
        w.Line($"    {pagination.FirstPage},");
        w.Line($"    static request => {Cursor(pagination.Page)},");
        w.Line($"    static request => {(pagination.Size is { } size ? SizeOf(size) : "null")},");
        w.Line($"    static (request, cursor, size) => {name}Page(request, cursor, size),");
        w.Line($"    static page => new DmsPageInfo({Count(pagination)}, {Total(pagination)}, {(pagination.NextToken is { } next ? WorkflowEmitter.Access("page", next) : "null")}));");
        w.Line();
        w.Line($"/// <summary>Every page of {name}, each fetched when the enumeration reaches it.</summary>");
        Parameters(w, withOptions: false);
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Line(Signature(w, pages, GeneratedNames.PagesMethod(name), client, request, null) + " =>");
        w.Line($"    {name}PagesAsync(client, request, null, cancellationToken);");
        w.Line();
        w.Line($"/// <summary>Every page of {name} from a continuation token (a {TokenMeaning(pagination.Style)}), with a page-size hint.</summary>");
        Parameters(w, withOptions: true);
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Open(Signature(w, pages, GeneratedNames.PagesMethod(name), client, request, options));
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(client);");
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(request);");
        w.Line($"return {name}Paginator.PagesAsync(request, client.{name}Async, options, cancellationToken);");
        w.Close();
        if (pagination.Items is { } items)
        {
            var item = context.TypeName(items.Type.Element!, null);
            var itemsType = $"{KnownTypes.AsyncEnumerable}<{item}>";
            w.Line();
            w.Line($"/// <summary>Every item of every page of {name}, pages fetched as the enumeration reaches them.</summary>");
            Parameters(w, withOptions: false);
            DocWriter.Obsolete(w, operation.Docs.Deprecated);
            w.Line(Signature(w, itemsType, GeneratedNames.ItemsMethod(name), client, request, null) + " =>");
            w.Line($"    {name}ItemsAsync(client, request, null, cancellationToken);");
            w.Line();
            w.Line($"/// <summary>Every item of {name} from a continuation token (a {TokenMeaning(pagination.Style)}), with a page-size hint.</summary>");
            Parameters(w, withOptions: true);
            DocWriter.Obsolete(w, operation.Docs.Deprecated);
            w.Line(Signature(w, itemsType, GeneratedNames.ItemsMethod(name), client, request, options) + " =>");
            w.Line($"    {paginator}.ItemsAsync(");
            w.Line($"        {name}PagesAsync(client, request, options, cancellationToken),");
            w.Line($"        static page => {WorkflowEmitter.Access("page", items)},");
            w.Line("        cancellationToken);");
        }

        w.Line();
        EmitCopy(w, context, operation, pagination, request);
    }

    /// <summary>Writes a signature one parameter per line and returns its last line, to be ended with a body.</summary>
    private static string Signature(SourceWriter w, string returns, string name, string client, string request, string? options)
    {
        w.Line($"public static {returns} {name}(");
        w.Line($"    this {client} client,");
        w.Line($"    {request} request,");
        if (options is not null)
        {
            w.Line($"    {options} options,");
        }

        return $"    {KnownTypes.CancellationToken} cancellationToken = default)";
    }

    private static void Parameters(SourceWriter w, bool withOptions)
    {
        w.Line("/// <param name=\"client\">The client to call (a mock works too).</param>");
        w.Line("/// <param name=\"request\">The first page's request; each page gets a copy, and this object is not changed.</param>");
        if (withOptions)
        {
            w.Line("/// <param name=\"options\">Where to start, the page size to ask for, and the page limit.</param>");
        }

        w.Line("/// <param name=\"cancellationToken\">Cancels the enumeration and the call in flight.</param>");
    }

    /// <summary>
    /// The request for one page: every parameter copied, the page and size replaced. A nested page field gets a
    /// new instance of each object on its path (created when the caller left it unset, its other members kept),
    /// so the caller's request and the objects it holds are never changed.
    /// </summary>
    private static void EmitCopy(SourceWriter w, EmitContext context, OperationModel operation, PaginationModel pagination, string request)
    {
        w.Open($"private static {request} {operation.Name}Page({request} request, string? cursor, int? size) => new()");
        Members(w, context, pagination, operation.Parameters.Select(p => p.Property.Name), null, "request", true);
        w.Close(";");
    }

    /// <summary>One object's members in the copy: read from <paramref name="source"/> (null-safely unless <paramref name="sourceSet"/>).</summary>
    private static void Members(SourceWriter w, EmitContext context, PaginationModel pagination, IEnumerable<string> members, string? at, string source, bool sourceSet)
    {
        foreach (var member in members)
        {
            var path = at is null ? member : at + "." + member;
            var read = source + (sourceSet ? "." : "?.") + member;
            if (path == pagination.Page.Dotted)
            {
                w.Line($"{member} = {FromCursor(pagination.Page)} ?? {read},");
            }
            else if (pagination.Size is { } size && path == size.Dotted)
            {
                w.Line($"{member} = {FromSize(context, size)} ?? {read},");
            }
            else if (pagination.Objects.FirstOrDefault(o => o.At == path) is { } nested)
            {
                w.Open($"{member} = new()");
                Members(w, context, pagination, nested.Members, path, read, sourceSet && IsSet(pagination, path));
                w.Close(",");
            }
            else
            {
                w.Line($"{member} = {read},");
            }
        }
    }

    /// <summary>Whether the object at <paramref name="at"/> is a C# <c>required</c> member, so never null in the caller's request.</summary>
    private static bool IsSet(PaginationModel pagination, string at)
    {
        var depth = at.Split('.').Length;
        var field = pagination.Page.Dotted.StartsWith(at + ".", System.StringComparison.Ordinal) ? pagination.Page : pagination.Size!;
        return field.Path[depth - 1].Required;
    }

    /// <summary>The field as read from the caller's request, null-safe past every member that may be null.</summary>
    private static string Read(PageParameter field)
    {
        var text = "request";
        var set = true;
        foreach (var step in field.Path)
        {
            text += (set ? "." : "?.") + step.Member;
            set &= step.Required;
        }

        return text;
    }

    private static string Cursor(PageParameter page) => page.Kind == TypeRefKind.String ? Read(page) : $"DmsPaging.Text({Read(page)})";

    private static string SizeOf(PageParameter size) => size.Kind switch
    {
        TypeRefKind.Int32 => Read(size),
        TypeRefKind.Unresolved => $"DmsPaging.Size({Read(size)}{(size.Required ? "." : "?.")}Value)",
        _ => $"DmsPaging.Size({Read(size)})",
    };

    private static string FromCursor(PageParameter page) => page.Kind switch
    {
        TypeRefKind.Int32 => $"DmsPaging.Int32(cursor)",
        TypeRefKind.Int64 => $"DmsPaging.Int64(cursor)",
        _ => "cursor",
    };

    private static string FromSize(EmitContext context, PageParameter size) => size.Kind switch
    {
        TypeRefKind.Int32 => "size",
        TypeRefKind.Int64 => "(long?)size",
        TypeRefKind.Unresolved => $"(DmsPaging.Text(size) is {{ }} text ? new {size.EnumName!}(text) : ({size.EnumName!}?)null)",
        _ => $"DmsPaging.Text(size)",
    };

    private static string Count(PaginationModel pagination) =>
        pagination.Items is { } items ? $"{WorkflowEmitter.Access("page", items)}?.Count ?? 0" : "null";

    private static string Total(PaginationModel pagination) => pagination.Total switch
    {
        null => "null",
        { Type.Kind: TypeRefKind.String } total => $"DmsPaging.Total({WorkflowEmitter.Access("page", total)})",
        var total => WorkflowEmitter.Access("page", total),
    };

    private static string TokenMeaning(PagingStyle style) => style switch
    {
        PagingStyle.PageNumber => "page number such as \"3\"",
        PagingStyle.Offset => "row offset such as \"40\"",
        _ => "NextToken a response returned",
    };
}
