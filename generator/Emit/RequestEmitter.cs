using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Emits <c>{Operation}Request</c>: typed parameters, <c>Validate()</c>, and <c>BuildRequest()</c>, which
/// places each parameter in the query or the form body with the encoding the spec names.
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
        EmitDescriptor(w, context, operation);
        ObjectEmitter.EmitProperties(w, context, propertyArray, ObjectMode.Request);
        ObjectEmitter.EmitValidate(w, context, propertyArray, name, ObjectMode.Request);
        w.Line();
        EmitBuildRequest(w, context, operation);
        ObjectEmitter.EmitNestedTypes(w, context, operation.RequestTypes, name, ObjectMode.Request);
        w.Close();
    }

    /// <summary>The operation's shape as data, for tools that check requests against the spec (the emulator).</summary>
    private static void EmitDescriptor(SourceWriter w, EmitContext context, OperationModel operation)
    {
        w.Line($"/// <summary>What {operation.Name} sends: action, version, method and parameters, as its spec declares them.</summary>");
        w.Line($"public static {KnownTypes.OperationDescriptor} Descriptor {{ get; }} = new {KnownTypes.OperationDescriptor}(");
        w.Line($"    {JsonEmitter.Literal(operation.Name)},");
        w.Line($"    {JsonEmitter.Literal(operation.Version)},");
        w.Line($"    {KnownTypes.HttpMethod}.{(operation.IsGet ? "Get" : "Post")},");
        w.Line($"    new {KnownTypes.ParameterDescriptor}[]");
        w.Line("    {");
        foreach (var parameter in operation.Parameters)
        {
            var property = parameter.Property;
            var location = KnownTypes.Location + (parameter.InForm ? ".Form" : ".Query");
            w.Line($"        new {KnownTypes.ParameterDescriptor}({JsonEmitter.Literal(property.WireName)}, {location}, {KnownTypes.ValueKind}.{ValueKindOf(property.Type)}, {KnownTypes.ParameterStyle}.{parameter.Style}, {(property.Required ? "true" : "false")}),");
        }

        w.Line("    });");
        w.Line();
    }

    private static string ValueKindOf(TypeRef type) => type.Kind switch
    {
        TypeRefKind.Enum => type.NumericEnum ? "Int64" : "String",
        _ => type.Kind.ToString(),
    };

    private static void EmitBuildRequest(SourceWriter w, EmitContext context, OperationModel operation)
    {
        w.Line("/// <inheritdoc/>");
        w.Open($"{KnownTypes.Request} {KnownTypes.OperationRequest}.BuildRequest()");
        w.Line("this.Validate();");
        var method = operation.IsGet ? "Get" : "Post";
        w.Line($"var request = new {KnownTypes.Request}({JsonEmitter.Literal(operation.Name)}, {JsonEmitter.Literal(operation.Version)}, {KnownTypes.HttpMethod}.{method});");
        foreach (var parameter in operation.Parameters)
        {
            EmitParameter(w, context, parameter);
        }

        w.Line("return request;");
        w.Close();
    }

    private static void EmitParameter(SourceWriter w, EmitContext context, ParameterModel parameter)
    {
        var property = parameter.Property;
        var location = KnownTypes.Location + (parameter.InForm ? ".Form" : ".Query");
        var wire = JsonEmitter.Literal(property.WireName);
        var value = "this." + property.Name;
        var encoding = KnownTypes.Encoding;
        switch (parameter.Style)
        {
            case ParameterStyle.Plain:
                w.Line($"request.Add({location}, {wire}, {FormatScalar(context, property.Type, value, nullable: !(property.Required && property.Type.IsValueType))});");
                break;
            case ParameterStyle.Simple:
                var itemType = context.TypeName(property.Type.Element!);
                w.Line($"request.Add({location}, {wire}, {encoding}.Simple({value}, static ({itemType} item) => {FormatScalar(context, property.Type.Element!, "item", nullable: false)}));");
                break;
            case ParameterStyle.Json:
                w.Line($"request.Add({location}, {wire}, {encoding}.Json({value}, {WriterLambda(context, property.Type)}));");
                break;
            default:
                // flat and repeatList share one wire form: Name.1.Key=value.
                w.Line($"{encoding}.AddFlat(request, {location}, {wire}, {value}, {WriterLambda(context, property.Type)});");
                break;
        }
    }

    private static string FormatScalar(EmitContext context, TypeRef type, string value, bool nullable)
    {
        if (type.Kind == TypeRefKind.Enum)
        {
            return value + (nullable ? "?.Value" : ".Value");
        }

        if (type.Kind == TypeRefKind.Any)
        {
            return value + (nullable ? "?.GetRawText()" : ".GetRawText()");
        }

        return $"{KnownTypes.Encoding}.Format({value})";
    }

    /// <summary>A static lambda writing the value as JSON, sharing the code generated types use.</summary>
    private static string WriterLambda(EmitContext context, TypeRef type)
    {
        var body = new SourceWriter();
        JsonEmitter.EmitWriteValue(body, context, type, "value", "writer", 0);
        var statements = body.ToString().Replace("\n", " ").Trim();
        return $"static ({KnownTypes.Utf8JsonWriter} writer, {context.TypeName(type)} value) => {{ {statements} }}";
    }
}
