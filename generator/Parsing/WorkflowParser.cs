using System.Collections.Generic;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>
/// An operation's <c>waiters:</c>, <c>pagination:</c> and <c>stream:</c>: parsed after the operation, because their
/// paths are checked against its response, its parameters and the file's enums.
/// </summary>
internal static class WorkflowParser
{
    public static OperationModel Attach(ParseContext context, YamlNode root, OperationModel operation, IReadOnlyList<ObjectModel> types, IReadOnlyList<EnumModel> enums)
    {
        var waitersNode = ParseContext.Find(root, "waiters");
        var paginationNode = ParseContext.Find(root, "pagination");
        var streamNode = ParseContext.Find(root, "stream");
        if (waitersNode is null && paginationNode is null && streamNode is null)
        {
            return operation;
        }

        context.Declare(GeneratedNames.WorkflowExtensions(operation.Name), DeclarationKind.Reserved, ParseContext.FindKey(root, "operation")!.Location);
        var paths = new MemberPaths(operation.Response, types, enums);
        var waiters = WaiterParser.Parse(context, waitersNode, paths);
        var pagination = PaginationParser.Parse(context, paginationNode, operation, paths);
        if (pagination is not null)
        {
            // Declared so that a waiter elsewhere cannot generate the same method name (see SpecValidator).
            var key = ParseContext.FindKey(root, "pagination")!.Location;
            context.Declare(GeneratedNames.PagesMethod(operation.Name), DeclarationKind.ExtensionMethod, key);
            if (pagination.Items is not null)
            {
                context.Declare(GeneratedNames.ItemsMethod(operation.Name), DeclarationKind.ExtensionMethod, key);
            }
        }

        var stream = streamNode is not null && context.GetWord(root, "stream", "sse", "sse") == "sse";
        return operation with { Workflow = new WorkflowModel(waiters.ToEquatableArray(), pagination, stream) };
    }
}
