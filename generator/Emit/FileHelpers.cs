using System.Collections.Generic;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// The named static helpers of one generated file, in a <c>file static class</c>: one reader per array or map
/// element type and one JSON writer per encoded parameter. Named methods instead of nested lambdas keep the
/// compiler's work linear in the nesting depth (nested generic lambdas are re-bound for type inference at
/// every level) and give a debugger something to step into.
/// </summary>
internal sealed class FileHelpers
{
    private readonly EmitContext _context;
    // Helper names by what they read or write, so each is emitted once per file.
    private readonly Dictionary<string, string> _readers = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(System.StringComparer.Ordinal);
    private readonly SourceWriter _methods = new(indent: 1);
    private readonly string _class;

    public FileHelpers(EmitContext context, string hintName)
    {
        _context = context;
        _class = GeneratedNames.FileHelpers(hintName);
    }

    public bool IsEmpty => _names.Count == 0;

    /// <summary>A method group reading one non-null array item or map value of <paramref name="element"/>.</summary>
    public string ItemReader(TypeRef element)
    {
        var json = _context.Reader;
        switch (element.Kind)
        {
            case TypeRefKind.Object:
                return $"{json}ReadItem<{_context.TypeName(element, null)}>";
            case TypeRefKind.Any:
                return $"{json}ReadAny";
        }

        var type = _context.TypeName(element, null);
        if (_readers.TryGetValue(type, out var existing))
        {
            return _class + "." + existing;
        }

        var name = Unique("Read" + Describe(element) + "Item");
        _readers.Add(type, name);
        var body = element.Kind switch
        {
            TypeRefKind.String => $"{json}NotNull({json}ReadString(ref reader))",
            TypeRefKind.Int32 => $"{json}NotNullValue({json}ReadInt32(ref reader))",
            TypeRefKind.Int64 => $"{json}NotNullValue({json}ReadInt64(ref reader))",
            TypeRefKind.Double => $"{json}NotNullValue({json}ReadDouble(ref reader))",
            TypeRefKind.Boolean => $"{json}NotNullValue({json}ReadBoolean(ref reader))",
            TypeRefKind.Enum => $"new({json}NotNull({json}ReadString(ref reader)))",
            TypeRefKind.Array => $"{json}NotNull({json}ReadArray(ref reader, {ItemReader(element.Element!)}))",
            _ => $"{json}NotNull({json}ReadMap(ref reader, {ItemReader(element.Element!)}))",
        };
        Separate();
        _methods.Line($"public static {type} {name}(ref {KnownTypes.Utf8JsonReader} reader) =>");
        _methods.Line("    " + body + ";");
        return _class + "." + name;
    }

    /// <summary>A method group writing one non-null value of <paramref name="type"/> as JSON, one per type and file.</summary>
    public string ValueWriter(TypeRef type)
    {
        var key = "write:" + _context.TypeName(type, null);
        if (_readers.TryGetValue(key, out var existing))
        {
            return _class + "." + existing;
        }

        var method = Unique("Write" + Describe(type));
        _readers.Add(key, method);
        Separate();
        _methods.Open($"public static void {method}({KnownTypes.Utf8JsonWriter} writer, {_context.TypeName(type, null)} value)");
        JsonEmitter.EmitWriteValue(_methods, _context, type, "value", "writer", 0, null);
        _methods.Close();
        return _class + "." + method;
    }

    public void Emit(SourceWriter w)
    {
        w.Line();
        w.Line($"/// <summary>Helpers of this file's JSON code, one per element type or encoded parameter.</summary>");
        w.Line($"file static class {_class}");
        w.Line("{");
        w.Raw(_methods.ToString());
        w.Line("}");
    }

    private void Separate()
    {
        if (!IsEmpty)
        {
            _methods.Line();
        }
    }

    private string Unique(string name)
    {
        var unique = name;
        for (var i = 2; !_names.Add(unique); i++)
        {
            unique = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    private static string Describe(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Array => Describe(type.Element!) + "List",
        TypeRefKind.Map => Describe(type.Element!) + "Map",
        TypeRefKind.Object or TypeRefKind.Enum => type.Name!.Substring(type.Name.LastIndexOf('.') + 1),
        _ => type.Kind.ToString(),
    };
}
