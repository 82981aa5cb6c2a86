using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>Parses an operation: its name, method, parameters with their wire placement, and response.</summary>
internal static class OperationParser
{
    public static OperationModel? Parse(ParseContext context, YamlNode root, YamlNode operationNode)
    {
        var name = operationNode.Kind == YamlNodeKind.Scalar ? operationNode.Value! : null;
        if (name is null)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, operationNode.Location, "operation", "expected the operation's name");
            return null;
        }

        if (!context.CheckIdentifier(name, operationNode.Location))
        {
            return null;
        }

        if (Identifiers.ReservedOperations.Contains(name))
        {
            context.Report(DiagnosticDescriptors.NameCollision, operationNode.Location, name, $"the client's own {name}Async method");
            return null;
        }

        context.Declare(name, DeclarationKind.Operation, operationNode.Location);
        context.Declare(name + "Request", DeclarationKind.Reserved, operationNode.Location);
        context.Declare(name + "Response", DeclarationKind.Reserved, operationNode.Location);

        var version = context.GetText(root, "version") ?? SpecParser.DefaultVersion;
        var method = context.GetWord(root, "method", "POST", "POST", "GET");
        var docs = new Docs(context.GetText(root, "summary"), context.GetText(root, "description"), null, context.GetBoolean(root, "deprecated"));

        var requestScope = new TypeScope(name + "Request");
        var parameters = ParseParameters(context, ParseContext.Find(root, "parameters"), requestScope, method == "GET");
        var response = ParseResponse(context, ParseContext.Find(root, "response"), name + "Response", operationNode.Location);
        if (parameters is null || response is null || method is null)
        {
            return null;
        }

        return new OperationModel(name, version, method == "GET", docs, parameters.ToEquatableArray(), requestScope.NestedTypes.ToEquatableArray(), response);
    }

    private static List<ParameterModel>? ParseParameters(ParseContext context, YamlNode? node, TypeScope scope, bool isGet)
    {
        var parameters = new List<ParameterModel>();
        if (node is null)
        {
            return parameters;
        }

        if (!context.IsMapping(node, "parameters", allowNull: true))
        {
            return null;
        }

        var ok = true;
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var entry in node.Entries)
        {
            var property = SchemaParser.ParseProperty(context, entry.Key, entry.Value, scope, $"the parameter '{entry.Key.Value}'", SpecParser.ParameterKeys, 1);
            if (property is null)
            {
                ok = false;
                continue;
            }

            var location = context.GetWord(entry.Value, "in", "query", "query", "form");
            var style = ParseStyle(context, entry.Value);
            if (location is null || style is null)
            {
                ok = false;
                continue;
            }

            if (property.Name == scope.RootName || Identifiers.ReservedObjectMembers.Contains(property.Name) || !names.Add(property.Name))
            {
                context.Report(DiagnosticDescriptors.NameCollision, entry.Key.Location, property.Name, "a generated member or another parameter of " + scope.RootName);
                ok = false;
                continue;
            }

            var parameter = new ParameterModel(property, location == "form", style.Value);
            ok &= CheckEncoding(context, parameter, entry.Key.Location, ParseContext.Find(entry.Value, "type")?.Location ?? entry.Key.Location, isGet);
            parameters.Add(parameter);
        }

        return ok ? parameters : null;
    }

    private static ParameterStyle? ParseStyle(ParseContext context, YamlNode node) =>
        context.GetWord(node, "style", "plain", "json", "simple", "flat", "repeatList") switch
        {
            "plain" => ParameterStyle.Plain,
            "json" => ParameterStyle.Json,
            "simple" => ParameterStyle.Simple,
            "flat" => ParameterStyle.Flat,
            "repeatList" => ParameterStyle.RepeatList,
            _ => null,
        };

    /// <summary>The rules of DMS0011: which styles fit which types, and where a value may go.</summary>
    private static bool CheckEncoding(ParseContext context, ParameterModel parameter, LocationInfo keyLocation, LocationInfo typeLocation, bool isGet)
    {
        var name = parameter.Property.WireName;
        var type = parameter.Property.Type;
        var style = parameter.Style;
        string? problem = null;
        if (isGet && parameter.InForm)
        {
            problem = "a GET operation has no form body; use 'in: query'";
        }
        else if (type.Kind == ValueKind.Named)
        {
            // Whether the name is an enum (scalar) or a type (object) is known only after resolution.
            context.ParameterChecks.Add(new ParameterTypeCheck(name, type.Name!, style, false, typeLocation));
        }
        else if (type.IsScalar || type.Kind == ValueKind.Any)
        {
            problem = style == ParameterStyle.Plain ? null : $"a {type.Kind.ToString().ToLowerInvariant()} value takes no 'style'";
        }
        else if (style == ParameterStyle.Plain)
        {
            problem = $"an {type.Kind.ToString().ToLowerInvariant()} value needs a 'style' (json, simple, flat or repeatList) to say how it is encoded";
        }
        else if (style == ParameterStyle.Simple)
        {
            var element = type.Kind == ValueKind.Array ? type.Element! : null;
            if (element is { Kind: ValueKind.Named })
            {
                context.ParameterChecks.Add(new ParameterTypeCheck(name, element.Name!, style, true, typeLocation));
            }
            else if (element is null || !element.IsScalar)
            {
                problem = "'simple' joins scalars with commas, so it needs an array of scalars";
            }
        }
        else if (style == ParameterStyle.RepeatList && type.Kind != ValueKind.Array)
        {
            problem = "'repeatList' needs an array";
        }

        if (problem is null)
        {
            return true;
        }

        context.Report(DiagnosticDescriptors.ContradictoryEncoding, keyLocation, name, problem);
        return false;
    }

    private static ObjectModel? ParseResponse(ParseContext context, YamlNode? node, string className, LocationInfo operationLocation)
    {
        var scope = new TypeScope(className);
        if (node is null)
        {
            return new ObjectModel(className, Docs.None, EquatableArray<PropertyModel>.Empty, EquatableArray<ObjectModel>.Empty);
        }

        if (!context.IsMapping(node, "response", allowNull: true))
        {
            return null;
        }

        context.CheckKeys(node, "the response", SpecParser.ResponseKeys);
        CheckExamples(context, ParseContext.Find(node, "examples"));
        var docs = new Docs(context.GetText(node, "description"), null, null, false);
        var model = SchemaParser.ParseObjectBody(context, className, ParseContext.Find(node, "properties"), docs, scope, operationLocation, 1);
        return model is null ? null : model with { NestedTypes = scope.NestedTypes.ToEquatableArray() };
    }

    private static void CheckExamples(ParseContext context, YamlNode? node)
    {
        if (node is null || node.Kind == YamlNodeKind.Null)
        {
            return;
        }

        if (node.Kind != YamlNodeKind.Sequence)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, node.Location, "examples", "expected a list of { title, json }");
            return;
        }

        foreach (var item in node.Items)
        {
            if (context.IsMapping(item, "examples"))
            {
                context.CheckKeys(item, "an example", SpecParser.ExampleKeys);
                if (context.GetText(item, "json") is null)
                {
                    context.Report(DiagnosticDescriptors.MissingKey, item.Location, "An example", "json");
                }
            }
        }
    }
}
