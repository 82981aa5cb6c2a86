using System;
using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;

namespace Dms.Codegen.Emulator.Workflows;

/// <summary>
/// <c>ListOrders</c> over the emulator's tickets: filtered, newest first. The whole list goes to the answer, which
/// pages it by the spec's <c>pagination:</c> block like every list (<see cref="Shapes.ListPager"/>).
/// </summary>
internal static class OrderPages
{
    public static WorkflowResult List(IEnumerable<Ticket> tickets, WorkflowCall call, Func<Ticket, TicketStage, Overlay> order)
    {
        var status = call.Text("OrderStatus")?.ToUpperInvariant() ?? "ALL";
        var plugin = call.Text("PluginType");
        var search = call.Text("SearchContent");
        var matching = tickets
            .Select(t => (Ticket: t, Stage: t.Current()))
            .Where(x => status switch
            {
                "FINISHED" => x.Ticket.IsFinal,
                "RUNNING" => !x.Ticket.IsFinal,
                _ => true,
            })
            .Where(x => plugin is null || string.Equals(x.Ticket.PluginType, plugin, StringComparison.OrdinalIgnoreCase))
            .Where(x => string.IsNullOrEmpty(search) || x.Ticket.Comment.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();

        return new WorkflowResult(new Overlay
        {
            ["Orders"] = new Overlay { ["Order"] = new ProjectedList<(Ticket Ticket, TicketStage Stage)>(matching, x => order(x.Ticket, x.Stage)) },
        });
    }
}

/// <summary>A list whose items are made when read: the pager reads only the page's slice of a long list.</summary>
internal sealed class ProjectedList<T>(IReadOnlyList<T> source, Func<T, object?> project) : IReadOnlyList<object?>
{
    public int Count => source.Count;

    public object? this[int index] => project(source[index]);

    public IEnumerator<object?> GetEnumerator() => source.Select(project).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
