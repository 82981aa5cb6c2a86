using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>Emits one generated class: its properties, its JSON code, its checks and its nested types.</summary>
internal static class ObjectEmitter
{
    /// <summary>Carries the generator's version, which comes from the one &lt;Version&gt; in Directory.Build.props.</summary>
    public static readonly string GeneratedCodeAttribute =
        "[global::System.CodeDom.Compiler.GeneratedCode(\"Dms.Codegen\", \"" + typeof(ObjectEmitter).Assembly.GetName().Version!.ToString(3) + "\")]";

    // relativeName: the class's name relative to the namespace, e.g. GetXResponse.Types.KeyInfo.
    public static void Emit(SourceWriter w, EmitContext context, ObjectModel model, string relativeName, ObjectMode mode)
    {
        var qualified = context.Qualify(relativeName);
        DocWriter.Write(w, model.Docs, $"The {model.Name} object of the DMS API.");
        DocWriter.Obsolete(w, model.Docs.Deprecated);
        w.Line(GeneratedCodeAttribute);
        var contract = mode == ObjectMode.Request ? KnownTypes.JsonWritable : $"{KnownTypes.JsonModel}<{qualified}>";
        w.Open($"{context.ModifierFor(relativeName)} sealed partial class {model.Name} : {contract}");
        EmitProperties(w, context, model.Properties, mode);
        if (mode != ObjectMode.Request)
        {
            w.Line("/// <summary>Members DMS sent that the spec does not describe, kept so that nothing is lost; null when there were none.</summary>");
            w.Line($"public {KnownTypes.ReadOnlyDictionary}<string, {KnownTypes.JsonElement}>? AdditionalProperties {{ get; set; }}");
            w.Line();
            JsonEmitter.EmitReadJson(w, context, model, qualified);
            w.Line();
        }

        JsonEmitter.EmitWriteJson(w, context, model, withAdditional: mode != ObjectMode.Request);
        if (mode != ObjectMode.Response)
        {
            w.Line();
            EmitValidate(w, context, model.Properties, model.Name, mode);
        }

        EmitNestedTypes(w, context, model.NestedTypes, relativeName, mode);
        w.Close();
    }

    /// <summary>Inline types live in a nested <c>Types</c> class so that they never collide with member names.</summary>
    public static void EmitNestedTypes(SourceWriter w, EmitContext context, EquatableArray<ObjectModel> nested, string rootRelativeName, ObjectMode mode)
    {
        if (nested.IsEmpty)
        {
            return;
        }

        w.Line();
        w.Line($"/// <summary>The types nested in <see cref=\"{context.Qualify(rootRelativeName)}\"/>.</summary>");
        w.Open($"public static partial class {GeneratedNames.NestedTypesClass}");
        var first = true;
        foreach (var type in nested)
        {
            if (!first)
            {
                w.Line();
            }

            Emit(w, context, type, GeneratedNames.Nested(rootRelativeName, type.Name), mode);
            first = false;
        }

        w.Close();
    }

    public static void EmitProperties(SourceWriter w, EmitContext context, EquatableArray<PropertyModel> properties, ObjectMode mode)
    {
        foreach (var property in properties)
        {
            DocWriter.Write(w, property.Docs, $"The {property.WireName} member.");
            DocWriter.Obsolete(w, property.Docs.Deprecated);
            var type = context.TypeName(property.Type);
            w.Line(mode == ObjectMode.Request && property.Required
                ? $"public required {type} {property.Name} {{ get; set; }}"
                : $"public {type}? {property.Name} {{ get; set; }}");
            w.Line();
        }
    }

    /// <summary>
    /// <c>Validate()</c>: required members are set (C# <c>required</c> can still be given <c>null!</c>), and nested
    /// objects are valid. Called before anything is sent.
    /// </summary>
    public static void EmitValidate(SourceWriter w, EmitContext context, EquatableArray<PropertyModel> properties, string typeName, ObjectMode mode)
    {
        w.Line("/// <summary>Checks that every required member is set; throws <see cref=\"global::System.ArgumentException\"/> otherwise.</summary>");
        w.Open("public void Validate()");
        var index = 0;
        foreach (var property in properties)
        {
            // Pattern variables of an if condition share the method's scope, hence one name per member.
            var items = "items" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var nonNullableValue = mode == ObjectMode.Request && property.Required && property.Type.IsValueType;
            if (property.Required && !nonNullableValue)
            {
                w.Open($"if (this.{property.Name} is null)");
                w.Line($"throw new {KnownTypes.ArgumentException}({JsonEmitter.Literal($"The required member '{property.WireName}' of {typeName} is not set.")}, \"request\");");
                w.Close();
            }

            if (property.Type.Kind == TypeRefKind.Object)
            {
                w.Line($"this.{property.Name}?.Validate();");
            }
            else if (property.Type.Kind == TypeRefKind.Array && property.Type.Element!.Kind == TypeRefKind.Object)
            {
                w.Open($"if (this.{property.Name} is {{ }} {items})");
                w.Open($"foreach (var item in {items})");
                w.Line("item.Validate();");
                w.Close();
                w.Close();
            }
        }

        w.Close();
    }
}
