using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

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

        name = context.Identifier(name, operationNode, NameUse.Other);
        if (name is null)
        {
            return null;
        }

        if (GeneratedNames.ReservedOperations.Contains(name))
        {
            context.Report(DiagnosticDescriptors.NameCollision, operationNode.Location, name, $"the client's own {name}Async method");
            return null;
        }

        context.Declare(name, DeclarationKind.Operation, operationNode.Location);
        context.Declare(GeneratedNames.Request(name), DeclarationKind.Reserved, operationNode.Location);
        context.Declare(GeneratedNames.Response(name), DeclarationKind.Reserved, operationNode.Location);

        var version = context.GetText(root, "version") ?? SpecParser.DefaultVersion;
        var method = context.GetWord(root, "method", "POST", "POST", "GET") switch
        {
            "POST" => DmsHttpMethod.Post,
            "GET" => DmsHttpMethod.Get,
            _ => (DmsHttpMethod?)null,
        };
        var docs = new Docs(context.GetText(root, "summary"), context.GetText(root, "description"), null, context.GetBoolean(root, "deprecated"));

        var requestScope = new TypeScope(GeneratedNames.Request(name));
        var parameters = ParseParameters(context, ParseContext.Find(root, "parameters"), requestScope, method ?? DmsHttpMethod.Post);
        var response = ParseResponse(context, ParseContext.Find(root, "response"), GeneratedNames.Response(name), operationNode);
        if (parameters is null || response is null || method is null)
        {
            return null;
        }

        return new OperationModel(name, version, method.Value, docs, parameters.ToEquatableArray(), requestScope.NestedTypes.ToEquatableArray(), response);
    }

    private static List<ParameterModel>? ParseParameters(ParseContext context, YamlNode? node, TypeScope scope, DmsHttpMethod method)
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
        var names = new MemberScope(context);
        foreach (var entry in node.Entries)
        {
            var property = SchemaParser.ParseProperty(context, entry.Key, entry.Value, scope, "parameter", SpecParser.ParameterKeys, 1);
            if (property is null)
            {
                ok = false;
                continue;
            }

            var location = context.GetWord(entry.Value, "in", "query", "query", "form") switch
            {
                "query" => DmsParameterLocation.Query,
                "form" => DmsParameterLocation.Form,
                _ => (DmsParameterLocation?)null,
            };
            var style = ParseStyle(context, entry.Value);
            if (location is null || style is null)
            {
                ok = false;
                continue;
            }

            if (property.Name == scope.RootName || GeneratedNames.ReservedObjectMembers.Contains(property.Name))
            {
                context.Report(DiagnosticDescriptors.NameCollision, entry.Key.Location, property.Name, "a generated member of " + scope.RootName);
                ok = false;
                continue;
            }

            if (!names.Add(property.Name, SchemaParser.RawName(entry), entry.Key, "another parameter of ", scope.RootName))
            {
                ok = false;
                continue;
            }

            var parameter = new ParameterModel(property, location.Value, style.Value);
            // DMS0011 is decided by the validator once the type is resolved (EncodingRules).
            var typeLocation = ParseContext.Find(entry.Value, "type")?.Location ?? entry.Key.Location;
            context.ParameterChecks.Add(new ParameterCheck(property.WireName, property.Type, parameter.Style, parameter.Location, method, entry.Key.Location, typeLocation));
            parameters.Add(parameter);
        }

        return ok ? parameters : null;
    }

    private static DmsParameterStyle? ParseStyle(ParseContext context, YamlNode node) =>
        context.GetWord(node, "style", "plain", "json", "simple", "flat", "repeatList") switch
        {
            "plain" => DmsParameterStyle.Plain,
            "json" => DmsParameterStyle.Json,
            "simple" => DmsParameterStyle.Simple,
            "flat" => DmsParameterStyle.Flat,
            "repeatList" => DmsParameterStyle.RepeatList,
            _ => null,
        };

    private static ObjectModel? ParseResponse(ParseContext context, YamlNode? node, string className, YamlNode operationNode)
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
        var model = SchemaParser.ParseObjectBody(context, className, ParseContext.Find(node, "properties"), docs, scope, operationNode, 1);
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
