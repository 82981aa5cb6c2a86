using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// Text and path → <see cref="ParsedSpec"/>: pure, no Roslyn compilation needed, and it never throws
/// (except for cancellation): anything unexpected becomes DMS0013 on this file alone.
/// </summary>
internal static class SpecParser
{
    public const string DefaultVersion = "2018-11-01";

    public static readonly string[] OperationKeys =
    {
        "operation", "version", "method", "summary", "description", "deprecated", "parameters", "response", "types", "enums",
        "waiters", "pagination", "stream",
    };

    public static readonly string[] DefinitionKeys = { "types", "enums" };

    public static readonly string[] ParameterKeys = SchemaParser.SchemaKeys.Concat(new[] { "in", "style" }).ToArray();

    public static readonly string[] ResponseKeys = { "description", "properties", "examples" };

    public static readonly string[] ExampleKeys = { "title", "json" };

    public static readonly string[] TypeKeys = { "description", "remarks", "deprecated", "properties" };

    public static ParsedSpec Parse(string path, string text, CancellationToken cancellationToken)
    {
        var context = new ParseContext(path, cancellationToken);
        SpecModel? model = null;
        try
        {
            var root = YamlReader.Read(path, text, context.Diagnostics, cancellationToken);
            if (root is not null)
            {
                model = ParseRoot(context, root);
            }
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception exception)
        {
            context.Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, new LocationInfo(path, 0, 0, 0, 0, 0, 0), exception.GetType().Name + ": " + exception.Message));
            model = null;
        }

        var hasErrors = context.Diagnostics.Any(d => d.IsError);
        var summary = new SpecSummary(
            path,
            hasErrors,
            context.Declarations.ToEquatableArray(),
            context.References.ToEquatableArray(),
            context.ParameterChecks.ToEquatableArray(),
            model?.HintName)
        {
            StateChecks = context.StateChecks.ToEquatableArray(),
        };
        return new ParsedSpec(hasErrors ? null : model, summary, context.Diagnostics.ToEquatableArray());
    }

    private static SpecModel? ParseRoot(ParseContext context, YamlNode root)
    {
        if (root.Kind != YamlNodeKind.Mapping)
        {
            if (root.Kind == YamlNodeKind.Null)
            {
                context.Report(DiagnosticDescriptors.MissingKey, root.Location, "A spec file", "operation");
            }
            else
            {
                context.Report(DiagnosticDescriptors.InvalidValue, root.Location, "the file", "a spec's top level must be a mapping, not " + root.Describe());
            }

            return null;
        }

        var operationNode = ParseContext.Find(root, "operation");
        if (operationNode is null && ParseContext.Find(root, "types") is null && ParseContext.Find(root, "enums") is null)
        {
            context.CheckKeys(root, "a spec file", OperationKeys);
            context.Report(DiagnosticDescriptors.MissingKey, root.Location, "A spec file", "operation");
            return null;
        }

        context.CheckKeys(root, operationNode is null ? "a definitions file" : "an operation file", operationNode is null ? DefinitionKeys : OperationKeys);
        var types = ParseTypes(context, ParseContext.Find(root, "types"));
        var enums = ParseEnums(context, ParseContext.Find(root, "enums"));
        var operation = operationNode is null ? null : OperationParser.Parse(context, root, operationNode);
        operation = operation is null ? null : WorkflowParser.Attach(context, root, operation, types, enums);
        var hintName = operation?.Name ?? GeneratedNames.DefinitionsFile(types.Select(t => t.Name).Concat(enums.Select(e => e.Name)).FirstOrDefault() ?? string.Empty);
        return new SpecModel(hintName, operation, types.ToEquatableArray(), enums.ToEquatableArray());
    }

    private static List<ObjectModel> ParseTypes(ParseContext context, YamlNode? node)
    {
        var types = new List<ObjectModel>();
        if (node is null || !context.IsMapping(node, "types", allowNull: true))
        {
            return types;
        }

        foreach (var entry in node.Entries)
        {
            if (!context.IsMapping(entry.Value, entry.Key.Value!) || context.Identifier(entry.Key.Value!, entry.Key, NameUse.Type) is not { } name)
            {
                continue;
            }

            context.CheckKeys(entry.Value, "type", name, TypeKeys);
            var scope = new TypeScope(name);
            var model = SchemaParser.ParseObjectBody(context, name, ParseContext.Find(entry.Value, "properties"), SchemaParser.ParseDocs(context, entry.Value), scope, entry.Key, 1);
            model = model is null ? null : model with { NestedTypes = scope.NestedTypes.ToEquatableArray() };

            // The shape goes into the index, so that a waiter's status path in another file can go through this type.
            context.Declare(name, DeclarationKind.ObjectType, entry.Key.Location, shape: model?.Shape());
            if (model is not null)
            {
                types.Add(model);
            }
        }

        return types;
    }

    private static List<EnumModel> ParseEnums(ParseContext context, YamlNode? node)
    {
        var enums = new List<EnumModel>();
        if (node is null || !context.IsMapping(node, "enums", allowNull: true))
        {
            return enums;
        }

        foreach (var entry in node.Entries)
        {
            var model = EnumParser.Parse(context, entry.Key, entry.Value);
            if (model is not null)
            {
                enums.Add(model);
            }
        }

        return enums;
    }
}
