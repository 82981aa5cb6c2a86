using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dms.Codegen.Http;

namespace Dms.Codegen.Emulator.Shapes;

/// <summary>The items of a synthesized list (<see cref="Element"/>): written from the shape, each one different.</summary>
internal sealed partial class ResponseWriter
{
    /// <summary>
    /// The item at place <paramref name="number"/> of a synthesized list. Items differ, as a real list's do: a
    /// scalar item is numbered (<c>TableNameList-3</c>, or 3); an object item's identifiers are the world's id
    /// plus its place minus one (the first item is the world's thing), its first name is numbered
    /// (<c>Name-3</c>), and an item with neither numbers its first text member.
    /// </summary>
    private void WriteElement(Utf8JsonWriter writer, string name, TypeShape type, int number, AnswerContext context, int depth)
    {
        var (kind, resolved) = Resolve(type);
        if (resolved is null && kind == DmsValueKind.String)
        {
            writer.WriteStringValue(name + "-" + number.ToString(CultureInfo.InvariantCulture));
        }
        else if (resolved is null && kind is DmsValueKind.Int32 or DmsValueKind.Int64)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            WriteMade(writer, name, type, context with { Ordinal = number }, depth, top: false);
        }
    }

    /// <summary>
    /// The text member that numbers a list item: its first name (a member ending in <c>Name</c>), or, when it has no
    /// identifier of its own, its first text member; never one echoed from the request.
    /// </summary>
    private string? NumberedMember(ObjectShape shape, AnswerContext context)
    {
        var texts = shape.Members.Where(m => m.Value.Kind == DmsValueKind.String && Resolve(m.Value).Resolved is null && context.Parameter(m.Key) is null).ToList();
        if (texts.FirstOrDefault(m => m.Key.EndsWith("Name", StringComparison.Ordinal)).Key is { } name)
        {
            return name;
        }

        var identified = shape.Members.Any(m => (IsIdentifier(m.Key) || IsItemId(m.Key, context)) && m.Value.Kind is DmsValueKind.Int32 or DmsValueKind.Int64 or DmsValueKind.String && context.Parameter(m.Key) is null);
        return identified ? null : texts.FirstOrDefault().Key;
    }

    /// <summary>A list item's own <c>Id</c>: numbered like an identifier, though a bare <c>Id</c> names no world-wide thing.</summary>
    private static bool IsItemId(string name, AnswerContext context) => context.Ordinal is not null && name == "Id";
}
