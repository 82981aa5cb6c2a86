using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Http;
using Dms.Codegen.Paging;

namespace Dms.Codegen.Emulator.Shapes;

/// <summary>
/// A member's type: its kind in the runtime's wire vocabulary (an enum is the kind of its values), the type name
/// for objects and enums, the element type, the spec's example.
/// </summary>
internal sealed record TypeShape(DmsValueKind Kind, string? Name, TypeShape? Items, string? Example);

/// <summary>An object type: its members in spec order, by wire name.</summary>
internal sealed record ObjectShape(string Name, IReadOnlyList<KeyValuePair<string, TypeShape>> Members);

/// <summary>A request parameter: its type, the spec's example, whether it is required.</summary>
internal sealed record ParameterShape(string Name, TypeShape Type, bool Required);

/// <summary>
/// An operation's <c>pagination:</c> block by wire paths: the request fields of the page (number, offset or token)
/// and size (dotted when nested in an object parameter), the response members of the items, total and next token.
/// </summary>
internal sealed record PagingShape(DmsPagingStyle Style, long FirstPage, string Page, string? Size, string? Items, string? Total, string? NextToken);

/// <summary>An enum: its documented values (numbers for numeric enums).</summary>
internal sealed record EnumShape(string Name, bool Numeric, IReadOnlyList<string> Values);

/// <summary>
/// Every response shape the emulator knows, read from the JSON that the generator emits as
/// <c>{Client}.Shapes</c> (<c>DmsCodegenEmitShapes=true</c>). The YAML is read once, by the generator; this only
/// reads its output, so an operation a user adds in YAML is answered completely once its shapes are handed in.
/// </summary>
internal sealed class ShapeCatalog
{
    private readonly Dictionary<string, string> _responses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ParameterShape>> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectShape> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumShape> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PagingShape> _paging = new(StringComparer.Ordinal);
    private readonly HashSet<string> _streams = new(StringComparer.Ordinal);

    /// <summary>Reads shape documents; a later document replaces an earlier one's operation or type of the same name.</summary>
    public ShapeCatalog(IEnumerable<string> shapeDocuments)
    {
        foreach (var document in shapeDocuments)
        {
            Add(document);
        }
    }

    /// <summary>The operations with a response shape.</summary>
    public IEnumerable<string> Operations => _responses.Keys;

    /// <summary>The response type of <paramref name="action"/>, or null when no shape was given for it.</summary>
    public ObjectShape? Response(string action) =>
        _responses.TryGetValue(action, out var name) ? Object(name) : null;

    /// <summary>The request parameters of <paramref name="action"/>, in spec order.</summary>
    public IReadOnlyList<ParameterShape> Parameters(string action) =>
        _parameters.TryGetValue(action, out var parameters) ? parameters : Array.Empty<ParameterShape>();

    /// <summary>How <paramref name="action"/> pages, or null when its spec declares no <c>pagination:</c>.</summary>
    public PagingShape? Paging(string action) => _paging.TryGetValue(action, out var paging) ? paging : null;

    /// <summary>Whether <paramref name="action"/> answers with a stream of server-sent events (<c>stream: sse</c>).</summary>
    public bool Streams(string action) => _streams.Contains(action);

    /// <summary>An object type by its generated name (e.g. <c>ListOrdersResponse.Types.Orders</c>, or a shared type's name).</summary>
    public ObjectShape? Object(string name) => _objects.TryGetValue(name, out var shape) ? shape : null;

    /// <summary>An enum by its declared name.</summary>
    public EnumShape? Enum(string name) => _enums.TryGetValue(name, out var shape) ? shape : null;

    private void Add(string document)
    {
        using var json = JsonDocument.Parse(document);
        var root = json.RootElement;
        if (root.TryGetProperty("operation", out var operation))
        {
            _responses[operation.GetString()!] = root.GetProperty("response").GetString()!;
            _parameters[operation.GetString()!] = root.GetProperty("parameters").EnumerateObject()
                .Select(p => new ParameterShape(p.Name, ReadType(p.Value), p.Value.TryGetProperty("required", out var r) && r.GetBoolean()))
                .ToArray();
            ReadWorkflow(operation.GetString()!, root);
        }

        foreach (var type in root.GetProperty("types").EnumerateObject())
        {
            var members = type.Value.EnumerateObject().Select(m => new KeyValuePair<string, TypeShape>(m.Name, ReadType(m.Value))).ToArray();
            _objects[type.Name] = new ObjectShape(type.Name, members);
        }

        foreach (var e in root.GetProperty("enums").EnumerateObject())
        {
            var values = e.Value.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();
            _enums[e.Name] = new EnumShape(e.Name, e.Value.GetProperty("numeric").GetBoolean(), values);
        }
    }

    private void ReadWorkflow(string action, JsonElement root)
    {
        // A later document replaces the operation whole, its paging and streaming included.
        _paging.Remove(action);
        _streams.Remove(action);
        if (!root.TryGetProperty("workflow", out var workflow))
        {
            return;
        }

        if (workflow.GetProperty("stream").GetBoolean())
        {
            _streams.Add(action);
        }

        if (workflow.TryGetProperty("paging", out var p))
        {
            string? Text(string key) => p.TryGetProperty(key, out var value) ? value.GetString() : null;
            _paging[action] = new PagingShape(System.Enum.Parse<DmsPagingStyle>(p.GetProperty("style").GetString()!), p.GetProperty("firstPage").GetInt64(), Text("page")!, Text("size"), Text("items"), Text("total"), Text("nextToken"));
        }
    }

    private static TypeShape ReadType(JsonElement element)
    {
        var kind = System.Enum.Parse<DmsValueKind>(element.GetProperty("type").GetString()!);
        var name = element.TryGetProperty("name", out var n) ? n.GetString() : null;
        var items = element.TryGetProperty("items", out var i) ? ReadType(i) : null;
        var example = element.TryGetProperty("example", out var x) ? x.GetString() : null;
        return new TypeShape(kind, name, items, example);
    }
}

/// <summary>The shapes of the 325 operations the emulator is built with, read once per process.</summary>
internal static class BuiltInShapes
{
    private static readonly Lazy<ShapeCatalog> Lazy = new(() => new ShapeCatalog(Api.DmsClient.Shapes));

    public static ShapeCatalog Catalog => Lazy.Value;
}
