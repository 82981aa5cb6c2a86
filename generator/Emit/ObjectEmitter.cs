using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>Emits one generated class: its properties, its JSON code, its checks and its nested types.</summary>
internal static class ObjectEmitter
{
    /// <summary>Carries the generator's version, which comes from the one &lt;Version&gt; in Directory.Build.props.</summary>
    public static readonly string GeneratedCodeAttribute =
        $"[{KnownTypes.GeneratedCode}(\"Dms.Codegen\", \"" + typeof(ObjectEmitter).Assembly.GetName().Version!.ToString(3) + "\")]";

    // relativeName: the class's name relative to the namespace, e.g. GetXResponse.Types.KeyInfo.
    public static void Emit(SourceWriter w, EmitContext context, ObjectModel model, string relativeName, ObjectMode mode)
    {
        var dot = relativeName.IndexOf('.');
        var root = dot < 0 ? relativeName : relativeName.Substring(0, dot);
        var self = context.TypeName(TypeRef.Object(relativeName), root);
        DocWriter.Write(w, model.Docs, "The ", model.Name, " object of the DMS API.");
        DocWriter.Obsolete(w, model.Docs.Deprecated);
        if (relativeName.IndexOf('.') < 0)
        {
            // Tools treat members of a [GeneratedCode] type as generated too, so nested types need no copy.
            w.Line(GeneratedCodeAttribute);
        }

        var contract = mode == ObjectMode.Request ? KnownTypes.JsonWritable : $"{KnownTypes.JsonModel}<{self}>";
        w.Open($"{context.ModifierFor(relativeName)} sealed partial class {model.Name} : {contract}");
        EmitProperties(w, context, model.Properties, mode, root);
        if (mode != ObjectMode.Request)
        {
            w.Line("/// <summary>Members DMS sent that the spec does not describe, kept so that nothing is lost; null when there were none.</summary>");
            w.Line($"public {KnownTypes.ReadOnlyDictionary}<string, {KnownTypes.JsonElement}>? {GeneratedNames.AdditionalProperties} {{ get; set; }}");
            w.Line();
            JsonEmitter.EmitReadJson(w, context, model, self, root);
            w.Line();
        }

        JsonEmitter.EmitWriteJson(w, context, model, mode, root);
        if (mode != ObjectMode.Response)
        {
            w.Line();
            EmitValidate(w, model.Properties, model.Name, mode);
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
        w.Line($"/// <summary>The types nested in <see cref=\"{rootRelativeName}\"/>.</summary>");
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

    public static void EmitProperties(SourceWriter w, EmitContext context, EquatableArray<PropertyModel> properties, ObjectMode mode, string root)
    {
        foreach (var property in properties)
        {
            DocWriter.Write(w, property.Docs, "The ", property.WireName, " member.");
            DocWriter.Obsolete(w, property.Docs.Deprecated);
            var type = context.TypeName(property.Type, root);
            if (mode == ObjectMode.Request && property.Required)
            {
                w.Line($"public required {type} {property.Name} {{ get; set; }}");
            }
            else
            {
                w.Line($"public {type}? {property.Name} {{ get; set; }}");
            }

            w.Line();
        }
    }

    /// <summary>
    /// <c>Validate()</c>: required members are set (C# <c>required</c> can still be given <c>null!</c>), and nested
    /// objects are valid. Called before anything is sent.
    /// </summary>
    public static void EmitValidate(SourceWriter w, EquatableArray<PropertyModel> properties, string typeName, ObjectMode mode)
    {
        w.Line("/// <summary>Checks that every required member is set; throws <see cref=\"ArgumentException\"/> otherwise.</summary>");
        var checks = new System.Collections.Generic.List<(PropertyModel Property, bool NullCheck)>();
        foreach (var property in properties)
        {
            // A required value-type member of a request is not nullable, so it is always set.
            var nullCheck = property.Required && !(mode == ObjectMode.Request && property.Type.IsValueType);
            var nested = property.Type.Kind == TypeRefKind.Object || (property.Type.Kind == TypeRefKind.Array && property.Type.Element!.Kind == TypeRefKind.Object);
            if (nullCheck || nested)
            {
                checks.Add((property, nullCheck));
            }
        }

        if (checks.Count == 0)
        {
            // Nothing to check; IDmsOperationRequest and nested Validate() calls still ask for the method.
            w.Line("public void Validate() { }");
            return;
        }

        w.Open("public void Validate()");
        var index = 0;
        foreach (var (property, nullCheck) in checks)
        {
            if (nullCheck)
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
                // Pattern variables of an if condition share the method's scope, hence one name per member.
                var items = "items" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
