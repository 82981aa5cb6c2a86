using System.Linq;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// Emits what an operation's <c>waiters:</c>, <c>pagination:</c> and <c>stream:</c> declare: waiters and paginators as
/// extension methods in <c>{Operation}Extensions</c> (so a mocked client gets them too), a stream as a client method.
/// </summary>
internal static class WorkflowEmitter
{
    public static void Emit(SourceWriter w, EmitContext context, OperationModel operation)
    {
        if (operation.Workflow is not { IsEmpty: false } workflow)
        {
            return;
        }

        if (!workflow.Waiters.IsEmpty || workflow.Pagination is not null)
        {
            w.Line();
            w.Line($"/// <summary>Waiters and paginators over <see cref=\"I{context.ClientName}.{operation.Name}Async\"/>.</summary>");
            w.Line(ObjectEmitter.GeneratedCodeAttribute);
            w.Open($"{context.Accessibility} static partial class {GeneratedNames.WorkflowExtensions(operation.Name)}");
            var first = true;
            foreach (var waiter in workflow.Waiters)
            {
                Separate(w, ref first);
                WaiterEmitter.Emit(w, context, operation, waiter);
            }

            if (workflow.Pagination is { } pagination)
            {
                Separate(w, ref first);
                PaginationEmitter.Emit(w, context, operation, pagination);
            }

            w.Close();
        }

        if (workflow.Stream)
        {
            w.Line();
            StreamEmitter.Emit(w, context, operation);
        }
    }

    /// <summary><c>root.A?.B?.C</c>: a member path read null-safely.</summary>
    public static string Access(string root, MemberPath path) =>
        root + "." + string.Join("?.", path.Members.Select(m => m));

    private static void Separate(SourceWriter w, ref bool first)
    {
        if (!first)
        {
            w.Line();
        }

        first = false;
    }
}
