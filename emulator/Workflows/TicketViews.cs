using System;
using System.Collections.Generic;
using System.Globalization;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;

namespace Dms.Codegen.Emulator.Workflows;

/// <summary>How a ticket's stage reads in each operation's vocabulary, and the files its run produces.</summary>
internal static class TicketViews
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The generic <c>StatusCode</c> (<c>ListOrders</c>, <c>GetOrderBaseInfo</c>); alternatives for enums that lack a value.</summary>
    public static OneOf StatusCode(TicketStage stage) => stage switch
    {
        TicketStage.Precheck => new("new", "processing"),
        TicketStage.AwaitingSubmit => new("new", "toaudit"),
        TicketStage.InApproval => new("toaudit"),
        TicketStage.Approved => new("approved"),
        TicketStage.Running => new("processing"),
        TicketStage.Succeeded => new("success"),
        TicketStage.PrecheckFailed or TicketStage.Failed => new("fail", "closed"),
        TicketStage.Rejected => new("reject"),
        _ => new("closed", "cancel"),
    };

    public static string StatusDescription(TicketStage stage) => stage switch
    {
        TicketStage.Precheck => "prechecking",
        TicketStage.PrecheckFailed => "precheck failed",
        TicketStage.AwaitingSubmit => "waiting to be submitted for approval",
        TicketStage.InApproval => "ticket approval",
        TicketStage.Approved => "approved",
        TicketStage.Running => "executing",
        TicketStage.Succeeded => "success",
        TicketStage.Failed => "execution failed",
        TicketStage.Rejected => "rejected",
        _ => "closed",
    };

    /// <summary>The approval's <c>WorkflowInsCode</c> (<c>GetApprovalDetail</c>).</summary>
    public static string WorkflowCode(TicketStage stage) => stage switch
    {
        TicketStage.InApproval => "AUDITING",
        TicketStage.Rejected => "REJECT",
        TicketStage.Closed => "CANCEL",
        _ => "APPROVED",
    };

    /// <summary>A data-export ticket's <c>JobStatus</c> (<c>GetDataExportOrderDetail</c>).</summary>
    public static string ExportStatus(Ticket ticket, TicketStage stage) => stage switch
    {
        TicketStage.Precheck => "PRE_CHECKING",
        TicketStage.PrecheckFailed => "PRE_CHECK_FAIL",
        TicketStage.AwaitingSubmit => ticket.JustPrechecked ? "PRE_CHECK_SUCCESS" : "WAITING_APPLY_AUDIT",
        TicketStage.Approved => "ENABLE_EXPORT",
        TicketStage.Running => ticket.Step == 0 ? "WAITING_EXPORT" : "DOING_EXPORT",
        TicketStage.Succeeded => "EXPORT_SUCCESS",
        TicketStage.Failed => "EXPORT_FAIL",
        _ => "APPLY_AUDIT_SUCCESS",  // in approval; a rejected or closed ticket stays there (its StatusCode says why)
    };

    /// <summary>A tracking job's progress: INIT until it runs, then its steps, then its end.</summary>
    public static TrackStep Track(Ticket ticket, TicketStage stage) => stage switch
    {
        TicketStage.Running => TrackProgress.At(ticket.Step, ticket.Failure == TicketFailure.ExecutionFails),
        TicketStage.Succeeded or TicketStage.Failed => TrackProgress.End(ticket.Failure == TicketFailure.ExecutionFails),
        _ => TrackProgress.At(0, fail: false),
    };

    public static string Time(DateTimeOffset time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Where the emulator serves the ticket's result file (a real file, see <see cref="FileContent"/>).</summary>
    public static string FileUrl(Uri endpoint, Ticket ticket) =>
        new Uri(endpoint, $"_emulator/files/{ticket.Id.ToString(CultureInfo.InvariantCulture)}/{ticket.FileToken}/{FileName(ticket)}").ToString();

    public static string FileName(Ticket ticket) => ticket.Kind switch
    {
        TicketKind.DataExport => $"export_{ticket.Id}.csv",
        TicketKind.DatabaseExport => $"{ticket.Database.SchemaName}_{ticket.Id}.sql",
        _ => $"track_{ticket.Id}_rollback.sql",
    };

    /// <summary>The result file: the exported rows as CSV, a database dump, or a tracking job's rollback SQL.</summary>
    public static string FileContent(Ticket ticket)
    {
        var text = new System.Text.StringBuilder();
        switch (ticket.Kind)
        {
            case TicketKind.DataExport:
                text.Append("order_id,customer,amount,created_at\n");
                for (var i = 1; i <= ExportRows(ticket); i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{i},customer-{i},{i * 10.5:F2},{Time(ticket.Created.AddMinutes(-i))}\n");
                }

                break;
            case TicketKind.DatabaseExport:
                text.Append(CultureInfo.InvariantCulture, $"-- DMS emulator database export of {ticket.Database.SchemaName}, ticket {ticket.Id}\n");
                text.Append("CREATE TABLE `orders` (`order_id` BIGINT PRIMARY KEY, `customer` VARCHAR(64), `amount` DECIMAL(10,2));\n");
                text.Append("INSERT INTO `orders` VALUES (1,'customer-1',10.50),(2,'customer-2',21.00);\n");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"-- DMS emulator data tracking rollback, ticket {ticket.Id}\n");
                text.Append("UPDATE `orders` SET `amount` = 10.50 WHERE `order_id` = 1;\n");
                break;
        }

        return text.ToString();
    }

    /// <summary>How many rows an export produces: the ticket's AffectRows when it gave one (1 to 1,000), else 5.</summary>
    public static int ExportRows(Ticket ticket)
    {
        foreach (var (name, value) in ticket.Parameters)
        {
            if (name == "AffectRows" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows) && rows > 0)
            {
                return Math.Min(rows, 1000);
            }
        }

        return 5;
    }

    /// <summary>The top-level scalars of a JSON object parameter (a ticket's PluginParam), as name/value pairs.</summary>
    public static List<KeyValuePair<string, string>> Flatten(string? json)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (json is null)
        {
            return pairs;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return pairs;
            }

            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind is not System.Text.Json.JsonValueKind.Object and not System.Text.Json.JsonValueKind.Array)
                {
                    pairs.Add(new(member.Name, member.Value.ValueKind == System.Text.Json.JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText()));
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // The parameter check already accepted it as JSON; anything else is simply not echoed.
        }

        return pairs;
    }
}
