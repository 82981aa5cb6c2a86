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
    // Its own buffer, made when the first helper is: the thread's reused one is for the file's body, which this outlives.
    private SourceWriter? _helpers;
    private readonly string _class;

    public FileHelpers(EmitContext context, string hintName)
    {
        _context = context;
        _class = GeneratedNames.FileHelpers(hintName);
    }

    public bool IsEmpty => _names.Count == 0;

    private SourceWriter Methods => _helpers ??= SourceWriter.Small(indent: 1);

    /// <summary>A method group (or composed reader) reading one non-null array item or map value of <paramref name="element"/>.</summary>
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
        if (IsNested(element))
        {
            var composed = Compose(element, json + "ArrayReader", json + "MapReader", ItemReader, nameInnermost: false);
            Separate();
            Methods.Line($"public static readonly {KnownTypes.JsonReader}.ItemReader<{type}> {name} =");
            Methods.Line("    " + composed + ";");
            return _class + "." + name;
        }

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
        Methods.Line($"public static {type} {name}(ref {KnownTypes.Utf8JsonReader} reader) =>");
        Methods.Line("    " + body + ";");
        return _class + "." + name;
    }

    /// <summary>
    /// A method group writing one non-null value of <paramref name="type"/> as JSON, one per type and file.
    /// </summary>
    public string ValueWriter(TypeRef type)
    {
        var key = "write:" + _context.TypeName(type, null);
        if (_readers.TryGetValue(key, out var existing))
        {
            return _class + "." + existing;
        }

        var method = Unique("Write" + Describe(type));
        _readers.Add(key, method);
        var signature = $"public static void {method}({KnownTypes.Utf8JsonWriter} writer, {_context.TypeName(type, null)} value)";
        if (IsNested(type))
        {
            var composed = Compose(type, KnownTypes.JsonWriter + ".ArrayWriter", KnownTypes.JsonWriter + ".MapWriter", ValueWriter, nameInnermost: true);
            var field = Unique(method.Substring("Write".Length) + "Writer");
            Separate();
            Methods.Line($"private static readonly global::System.Action<{KnownTypes.Utf8JsonWriter}, {_context.TypeName(type, null)}> {field} =");
            Methods.Line("    " + composed + ";");
            Methods.Line();
            Methods.Line(signature + " =>");
            Methods.Line($"    {field}(writer, value);");
            return _class + "." + method;
        }

        Separate();
        Methods.Open(signature);
        JsonEmitter.EmitWriteValue(Methods, type);
        Methods.Close();
        return _class + "." + method;
    }

    // An array or map of arrays or maps. Its reader or writer is composed from the runtime's ArrayReader/MapReader
    // (ArrayWriter/MapWriter) around the helper of its innermost array or map: one helper per level would spell
    // each level's type again, and make the code grow with the square of the depth.
    private static bool IsNested(TypeRef type) =>
        type.Kind is TypeRefKind.Array or TypeRefKind.Map && type.Element!.Kind is TypeRefKind.Array or TypeRefKind.Map;

    // C# infers a writer's item type only from a delegate, not from a method group's parameters, so the level
    // around the innermost helper names its item type when asked to.
    private string Compose(TypeRef type, string array, string map, System.Func<TypeRef, string> innermost, bool nameInnermost)
    {
        var combinator = type.Kind == TypeRefKind.Array ? array : map;
        var element = type.Element!;
        return IsNested(element)
            ? $"{combinator}({Compose(element, array, map, innermost, nameInnermost)})"
            : nameInnermost
                ? $"{combinator}<{_context.TypeName(element, null)}>({innermost(element)})"
                : $"{combinator}({innermost(element)})";
    }

    public void Emit(SourceWriter w)
    {
        w.Line();
        w.Line($"/// <summary>Helpers of this file's JSON code, one per element type or encoded parameter.</summary>");
        w.Line($"file static class {_class}");
        w.Line("{");
        w.Raw(Methods.ToString());
        w.Line("}");
    }

    private void Separate()
    {
        if (!IsEmpty)
        {
            Methods.Line();
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

    // A run of three or more like levels is counted ("StringList3"), so names grow with the kinds of nesting,
    // not with its depth.
    private static string Describe(TypeRef type)
    {
        if (type.Kind is not (TypeRefKind.Array or TypeRefKind.Map))
        {
            return type.Kind is TypeRefKind.Object or TypeRefKind.Enum
                ? type.Name!.Substring(type.Name.LastIndexOf('.') + 1)
                : type.Kind.ToString();
        }

        var (kind, run) = (type.Kind, 0);
        for (; type.Kind == kind; type = type.Element!)
        {
            run++;
        }

        var level = kind == TypeRefKind.Array ? "List" : "Map";
        return Describe(type) + (run < 3
            ? (run == 1 ? level : level + level)
            : level + run.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
