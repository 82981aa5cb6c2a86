using System;
using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;

namespace Dms.Codegen.Emulator.Workflows;

/// <summary><c>ListOrders</c> over the emulator's tickets: filtered, newest first, paged by <c>PageNumber</c>/<c>PageSize</c> with a consistent <c>TotalCount</c>.</summary>
internal static class OrderPages
{
    /// <summary>DMS's default page size.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page the emulator returns, whatever is asked (DMS caps page sizes too).</summary>
    public const int MaxPageSize = 100;

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

        var size = (int)Math.Clamp(call.Long("PageSize") ?? DefaultPageSize, 1, MaxPageSize);
        var number = (int)Math.Clamp(call.Long("PageNumber") ?? 1, 1, int.MaxValue);
        var page = matching.Skip((int)Math.Min((long)(number - 1) * size, int.MaxValue)).Take(size).Select(x => order(x.Ticket, x.Stage)).ToArray();
        return new WorkflowResult(new Overlay
        {
            ["Orders"] = new Overlay { ["Order"] = page },
            ["TotalCount"] = matching.Count,
        });
    }
}
