using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Emits an extensible enum (the Azure SDK pattern): a readonly struct over the wire string with one static
/// property per documented value. A value DMS adds later still deserializes, keeps its raw text in
/// <c>Value</c>, reports <c>IsKnown == false</c>, and is written back unchanged. Each wire value is written
/// once, as a constant of the private <c>Wire</c> class.
/// </summary>
internal static class EnumEmitter
{
    public static void Emit(SourceWriter w, EmitContext context, EnumModel model)
    {
        var name = model.Name;
        var wire = GeneratedNames.EnumWireClass;
        DocWriter.Write(w, model.Docs, $"The documented values of {name}.");
        w.Line("/// <remarks>An extensible enum: values the spec does not list are kept as they are, with <see cref=\"IsKnown\"/> false.</remarks>");
        DocWriter.Obsolete(w, model.Docs.Deprecated);
        w.Line(ObjectEmitter.GeneratedCodeAttribute);
        w.Open($"{context.Accessibility} readonly partial struct {name} : {KnownTypes.Equatable}<{name}>");
        w.Line("private readonly string? _value;");
        w.Line();
        w.Line($"/// <summary>Wraps a wire value, documented or not.</summary>");
        w.Line($"/// <exception cref=\"{KnownTypes.ArgumentNullException}\"><paramref name=\"value\"/> is null.</exception>");
        // "value", not nameof(value): a type or namespace named nameof in scope (My.nameof) would make that a call.
        w.Line($"public {name}(string value) => _value = value ?? throw new {KnownTypes.ArgumentNullException}(\"value\");");
        foreach (var value in model.Values)
        {
            w.Line();
            DocWriter.Element(w, "summary", value.Description ?? value.Value, $"Wire value: <c>{DocWriter.Escape(value.Value)}</c>");
            DocWriter.Obsolete(w, value.Deprecated);
            w.Line($"public static {name} {value.Name} {{ get; }} = new({wire}.{value.Name});");
        }

        w.Line();
        w.Line("/// <summary>Every value the spec documents, in documentation order.</summary>");
        w.Line($"public static {KnownTypes.ReadOnlyList}<{name}> KnownValues {{ get; }} = new {name}[]");
        w.Line("{");
        foreach (var value in model.Values)
        {
            w.Line($"    {value.Name},");
        }

        w.Line("};");
        w.Line();
        w.Line("/// <summary>The wire value exactly as DMS sent it (empty for <c>default</c>).</summary>");
        w.Line("public string Value => _value ?? string.Empty;");
        w.Line();
        w.Line("/// <summary>Whether the spec documents this value.</summary>");
        w.Line("public bool IsKnown => Description is not null;");
        w.Line();
        w.Line("/// <summary>The documented meaning of this value; null for an undocumented one.</summary>");
        w.Open("public string? Description => Value switch");
        foreach (var value in model.Values)
        {
            w.Line($"{wire}.{value.Name} => {JsonEmitter.Literal(value.Description ?? string.Empty)},");
        }

        w.Line("_ => null,");
        w.Close(";");
        w.Line();
        w.Line($"/// <summary>Compares wire values ordinally.</summary>");
        w.Line($"public bool Equals({name} other) => Value == other.Value;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public override int GetHashCode() => Value.GetHashCode();");
        w.Line();
        w.Line("/// <summary>The wire value.</summary>");
        w.Line("public override string ToString() => Value;");
        w.Line();
        w.Line("/// <summary>Compares wire values ordinally.</summary>");
        w.Line($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
        w.Line();
        w.Line("/// <summary>Compares wire values ordinally.</summary>");
        w.Line($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
        w.Line();
        w.Line("/// <summary>Wraps a wire value.</summary>");
        w.Line($"public static implicit operator {name}(string value) => new(value);");
        w.Line();
        w.Open($"private static class {wire}");
        foreach (var value in model.Values)
        {
            w.Line($"public const string {value.Name} = {JsonEmitter.Literal(value.Value)};");
        }

        w.Close();
        w.Close();
    }
}
