using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Dms.Codegen.Http;

namespace Dms.Codegen.Emulator.Shapes;

/// <summary>
/// Values the state gives for some members of an answer, by wire name: scalars, nested <see cref="Overlay"/>s,
/// or lists of either (an empty list is an empty array). Every member it does not name is filled from the shape.
/// </summary>
internal sealed class Overlay : Dictionary<string, object?>
{
    public Overlay()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>A value written as given, even where the type is an enum that does not document it (the <c>unknown-enum</c> fault).</summary>
internal sealed record Undocumented(string Value);

/// <summary>A value with alternatives: the first one the member's enum documents is written (matched ignoring case).</summary>
internal sealed record OneOf(params string[] Values);

/// <summary>What an answer is built from besides its shape: the request, the ids of the emulated world, the clock.</summary>
internal sealed record AnswerContext(string RequestId, IReadOnlyList<KeyValuePair<string, string>> Parameters, DateTimeOffset Now)
{
    /// <summary>Set while writing the members of a synthesized list item: its place in the list (see <see cref="Element"/>).</summary>
    public int? Ordinal { get; init; }

    public string? Parameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Key == name)
            {
                return parameter.Value;
            }
        }

        return null;
    }
}

/// <summary>
/// Writes a complete success body from a response shape: every documented member, of its declared type.
/// The rules (documented in emulator/README.md): state overlay first; then <c>RequestId</c> and <c>Success</c>;
/// then a member named like a request parameter echoes it; an id (a name ending in <c>Id</c>, or <c>Tid</c>)
/// takes the emulated world's id for that name, so <c>DbId</c> is the same database in every answer; then the
/// spec's example where it parses for the type; then a plausible value. Arrays get one element, maps one
/// entry, enums a documented value, error members (<c>ErrorCode</c>, <c>ErrorMessage</c>) empty strings.
/// </summary>
internal sealed partial class ResponseWriter
{
    /// <summary>Past this depth a (recursive) named type is written as an empty object.</summary>
    private const int MaxDepth = 24;

    private readonly ShapeCatalog _catalog;

    public ResponseWriter(ShapeCatalog catalog) => _catalog = catalog;

    public string Write(ObjectShape response, AnswerContext context, Overlay? overlay)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteObject(writer, response, context, overlay, 0);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteObject(Utf8JsonWriter writer, ObjectShape shape, AnswerContext context, Overlay? overlay, int depth)
    {
        writer.WriteStartObject();
        if (depth <= MaxDepth)
        {
            var numbered = context.Ordinal is null ? null : NumberedMember(shape, context);
            foreach (var (name, type) in shape.Members)
            {
                writer.WritePropertyName(name);
                var member = type.Kind is DmsValueKind.Object or DmsValueKind.Array or DmsValueKind.Map ? context with { Ordinal = null } : context;
                if (overlay is not null && overlay.TryGetValue(name, out var value))
                {
                    WriteGiven(writer, name, type, value, member, depth);
                }
                else if (name == numbered)
                {
                    var text = Candidates(name, type.Kind, type.Example, context, top: false).FirstOrDefault(c => c is not null) ?? name;
                    writer.WriteStringValue(text + "-" + context.Ordinal!.Value.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    WriteMade(writer, name, type, member, depth, top: depth == 0);
                }
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A value the state gave, converted to the member's declared type.</summary>
    private void WriteGiven(Utf8JsonWriter writer, string name, TypeShape type, object? value, AnswerContext context, int depth)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (value is Undocumented undocumented)
        {
            writer.WriteStringValue(undocumented.Value);
            return;
        }

        if (value is Element element)
        {
            WriteElement(writer, name, type, element.Number, context, depth);
            return;
        }

        var (kind, resolved) = Resolve(type);
        switch (kind)
        {
            case DmsValueKind.Object when value is Overlay nested:
                WriteObject(writer, resolved as ObjectShape ?? new ObjectShape(type.Name ?? name, Array.Empty<KeyValuePair<string, TypeShape>>()), context, nested, depth + 1);
                return;
            case DmsValueKind.Array when value is IEnumerable list && value is not string:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteGiven(writer, name, type.Items!, item, context, depth + 1);
                }

                writer.WriteEndArray();
                return;
            default:
                var texts = value is OneOf alternatives ? alternatives.Values : new[] { Convert.ToString(value, CultureInfo.InvariantCulture)! };
                if (!texts.Any(text => TryWriteScalar(writer, kind, resolved as EnumShape, text)))
                {
                    WriteMade(writer, name, type, context, depth, top: false);
                }

                return;
        }
    }

    /// <summary>A value made from the shape and the rules above.</summary>
    private void WriteMade(Utf8JsonWriter writer, string name, TypeShape type, AnswerContext context, int depth, bool top)
    {
        var (kind, resolved) = Resolve(type);
        switch (kind)
        {
            case DmsValueKind.Object:
                WriteObject(writer, resolved as ObjectShape ?? new ObjectShape(type.Name ?? name, Array.Empty<KeyValuePair<string, TypeShape>>()), context, null, depth + 1);
                return;
            case DmsValueKind.Array:
                writer.WriteStartArray();
                WriteMade(writer, name, type.Items!, context, depth + 1, top: false);
                writer.WriteEndArray();
                return;
            case DmsValueKind.Map:
                writer.WriteStartObject();
                writer.WritePropertyName("key1");
                WriteMade(writer, name, type.Items!, context, depth + 1, top: false);
                writer.WriteEndObject();
                return;
            case DmsValueKind.Any:
                WriteAny(writer, type.Example);
                return;
        }

        var candidates = Candidates(name, kind, type.Example, context, top);
        foreach (var candidate in candidates)
        {
            if (candidate is not null && TryWriteScalar(writer, kind, resolved as EnumShape, candidate))
            {
                return;
            }
        }

        // Nothing above fitted: a value of the type that no rule chose.
        var fallback = resolved is EnumShape e && e.Values.Count > 0 ? e.Values[0] : kind switch
        {
            DmsValueKind.Int32 or DmsValueKind.Int64 => "1",
            DmsValueKind.Double => "0.5",
            DmsValueKind.Boolean => "true",
            _ => name + "-value",
        };
        TryWriteScalar(writer, kind, resolved as EnumShape, fallback);
    }

    /// <summary>The values a made scalar may take, best first (the rules above).</summary>
    private static IEnumerable<string?> Candidates(string name, DmsValueKind kind, string? example, AnswerContext context, bool top)
    {
        if (top && name == "RequestId")
        {
            yield return context.RequestId;
        }

        if (top && name == "Success")
        {
            yield return "true";
        }

        if (name is "ErrorCode" or "ErrorMessage")
        {
            yield return string.Empty;
        }

        yield return context.Parameter(name);
        if ((IsIdentifier(name) || IsItemId(name, context)) && kind is DmsValueKind.Int64 or DmsValueKind.Int32 or DmsValueKind.String)
        {
            yield return (State.World.Identity(name) + (context.Ordinal ?? 1) - 1).ToString(CultureInfo.InvariantCulture);
        }

        if (State.World.Text(name) is { } known)
        {
            yield return known;
        }

        if (name == "TotalCount" || name.EndsWith("Count", StringComparison.Ordinal) && kind is DmsValueKind.Int32 or DmsValueKind.Int64)
        {
            // Lists that do not page hold one element unless the state says otherwise, so counts say one too
            // (a paginated list's total is set by ListPager).
            yield return "1";
        }

        if (kind == DmsValueKind.String && (name.EndsWith("Time", StringComparison.Ordinal) || name.EndsWith("Date", StringComparison.Ordinal)) && example is null)
        {
            yield return context.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        yield return example;
    }

    /// <summary>The identifier rule: a wire name ending in <c>Id</c> (not <c>RequestId</c>), or <c>Tid</c>.</summary>
    public static bool IsIdentifier(string name) =>
        name == "Tid" || (name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal) && name != "RequestId");

    private (DmsValueKind Kind, object? Resolved) Resolve(TypeShape type) => type switch
    {
        { Kind: DmsValueKind.Object } => (DmsValueKind.Object, _catalog.Object(type.Name!)),
        // A named scalar is an enum: its documented values are the candidates.
        { Name: { } name } when _catalog.Enum(name) is { } e => (type.Kind, e),
        _ => (type.Kind, null),
    };

    /// <summary>Writes <paramref name="text"/> as the kind when it parses as one (and is a documented value of an enum).</summary>
    private static bool TryWriteScalar(Utf8JsonWriter writer, DmsValueKind kind, EnumShape? enumShape, string text)
    {
        if (enumShape is not null)
        {
            // State names a status once; each operation's enum spells it its own way (approved, Approved).
            var documented = enumShape.Values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
            if (documented is null)
            {
                return false;
            }

            text = documented;
        }

        switch (kind)
        {
            case DmsValueKind.String:
                writer.WriteStringValue(text);
                return true;
            case DmsValueKind.Int32 when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i):
                writer.WriteNumberValue(i);
                return true;
            case DmsValueKind.Int64 when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                writer.WriteNumberValue(l);
                return true;
            case DmsValueKind.Double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                writer.WriteNumberValue(d);
                return true;
            case DmsValueKind.Boolean when bool.TryParse(text, out var b):
                writer.WriteBooleanValue(b);
                return true;
            default:
                return false;
        }
    }

    /// <summary>An <c>any</c> member: the example when it is JSON, otherwise the example as a string, otherwise an empty object.</summary>
    private static void WriteAny(Utf8JsonWriter writer, string? example)
    {
        if (example is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(example);
                document.RootElement.WriteTo(writer);
                return;
            }
            catch (JsonException)
            {
                writer.WriteStringValue(example);
                return;
            }
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
