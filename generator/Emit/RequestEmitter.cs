using System.Globalization;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Emits <c>{Operation}Request</c>: typed parameters, <c>Validate()</c>, its <c>Descriptor</c> (action, version,
/// method and each parameter's wire placement) and <c>BuildRequest()</c>, which works from that descriptor.
/// </summary>
internal static class RequestEmitter
{
    public static void Emit(SourceWriter w, EmitContext context, OperationModel operation)
    {
        var name = GeneratedNames.Request(operation.Name);
        DocWriter.Element(w, "summary", $"The parameters of {operation.Name}: {operation.Docs.Summary ?? operation.Name}", null);
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Line(ObjectEmitter.GeneratedCodeAttribute);
        w.Open($"{context.Accessibility} sealed partial class {name} : {KnownTypes.OperationRequest}");
        var properties = new System.Collections.Generic.List<PropertyModel>();
        foreach (var parameter in operation.Parameters)
        {
            properties.Add(parameter.Property);
        }

        var propertyArray = properties.ToEquatableArray();
        EmitDescriptor(w, operation);
        ObjectEmitter.EmitProperties(w, context, propertyArray, ObjectMode.Request, name);
        ObjectEmitter.EmitValidate(w, propertyArray, name, ObjectMode.Request);
        w.Line();
        EmitBuildRequest(w, context, operation);
        ObjectEmitter.EmitNestedTypes(w, context, operation.RequestTypes, name, ObjectMode.Request);
        w.Close();
    }

    /// <summary>The operation's shape as data: what BuildRequest and tools that check requests (the emulator) work from.</summary>
    private static void EmitDescriptor(SourceWriter w, OperationModel operation)
    {
        w.Line($"/// <summary>What {operation.Name} sends: action, version, method and parameters, as its spec declares them.</summary>");
        w.Line($"public static {KnownTypes.OperationDescriptor} Descriptor {{ get; }} = new(");
        w.Line($"    {JsonEmitter.Literal(operation.Name)},");
        w.Line($"    {JsonEmitter.Literal(operation.Version)},");
        w.Line($"    {KnownTypes.Method}.{operation.Method},");
        if (operation.Parameters.IsEmpty)
        {
            w.Line($"    global::System.Array.Empty<{KnownTypes.ParameterDescriptor}>());");
            w.Line();
            return;
        }

        w.Line($"    new {KnownTypes.ParameterDescriptor}[]");
        w.Line("    {");
        foreach (var parameter in operation.Parameters)
        {
            var property = parameter.Property;
            var location = KnownTypes.Location + "." + parameter.Location;
            var kind = KnownTypes.ValueKind + "." + property.Type.WireKind;
            var style = KnownTypes.ParameterStyle + "." + parameter.Style;
            // Style and Required are left out at their defaults (Plain, false).
            var rest = property.Required ? $", {style}, true" : parameter.Style == DmsParameterStyle.Plain ? string.Empty : $", {style}";
            w.Line($"        new({JsonEmitter.Literal(property.WireName)}, {location}, {kind}{rest}),");
        }

        // The runtime judges DMS's envelope by the spec: an operation whose response has no Success member
        // (the ListAuthorized* ones) is judged by its status and Code alone.
        var declaresSuccess = false;
        foreach (var property in operation.Response.Properties)
        {
            declaresSuccess |= property.WireName == "Success";
        }

        w.Line(declaresSuccess ? "    });" : "    }) { ResponseDeclaresSuccess = false };");
        w.Line();
    }

    private static void EmitBuildRequest(SourceWriter w, EmitContext context, OperationModel operation)
    {
        w.Line("/// <inheritdoc/>");
        w.Open($"{KnownTypes.Request} {KnownTypes.OperationRequest}.BuildRequest()");
        w.Line("this.Validate();");
        w.Line($"var request = new {KnownTypes.Request}(Descriptor);");
        if (!operation.Parameters.IsEmpty)
        {
            w.Line("var parameters = Descriptor.Parameters;");
        }

        for (var i = 0; i < operation.Parameters.Count; i++)
        {
            EmitParameter(w, context, operation.Parameters[i], "parameters[" + i.ToString(CultureInfo.InvariantCulture) + "]", GeneratedNames.Request(operation.Name));
        }

        w.Line("return request;");
        w.Close();
    }

    private static void EmitParameter(SourceWriter w, EmitContext context, ParameterModel parameter, string descriptor, string root)
    {
        var property = parameter.Property;
        // Members are named plainly unless a local of BuildRequest would hide them.
        var value = property.Name is "request" or "parameters" ? "this." + property.Name : property.Name;
        var encoding = KnownTypes.Encoding;
        switch (parameter.Style)
        {
            case DmsParameterStyle.Plain:
                w.Line($"request.Add({descriptor}, {FormatScalar(property.Type, value, nullable: !(property.Required && property.Type.IsValueType))});");
                break;
            case DmsParameterStyle.Simple:
                var element = property.Type.Element!;
                w.Line($"request.Add({descriptor}, {encoding}.Simple({value}, static ({context.TypeName(element, root)} item) => {FormatScalar(element, "item", nullable: false, asText: true)}));");
                break;
            case DmsParameterStyle.Json:
                w.Line($"request.Add({descriptor}, {encoding}.Json({value}, {context.Helpers.ValueWriter(property.Type)}));");
                break;
            default:
                // flat and repeatList share one wire form: Name.1.Key=value.
                w.Line($"{encoding}.AddFlat(request, {descriptor}, {value}, {context.Helpers.ValueWriter(property.Type)});");
                break;
        }
    }

    /// <summary>A scalar as DmsRequest.Add takes it (text, or a number or boolean it formats), or as text.</summary>
    private static string FormatScalar(TypeRef type, string value, bool nullable, bool asText = false) => type.Kind switch
    {
        TypeRefKind.Enum => value + (nullable ? "?.Value" : ".Value"),
        TypeRefKind.Any => value + (nullable ? "?.GetRawText()" : ".GetRawText()"),
        TypeRefKind.String => value,
        _ => asText ? $"{KnownTypes.Encoding}.Format({value})" : value,
    };
}
