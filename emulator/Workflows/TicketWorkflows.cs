using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;

namespace Dms.Codegen.Emulator.Workflows;

/// <summary>One call of a workflow operation: its parameters, where the emulator is, and the unknown-enum fault.</summary>
internal sealed record WorkflowCall(IReadOnlyList<KeyValuePair<string, string>> Parameters, Uri Endpoint, bool UnknownEnum)
{
    public string? Text(string name) => Parameters.FirstOrDefault(p => p.Key == name).Value;

    public long? Long(string name) => ParameterValidator.Int64(Parameters, name);
}

/// <summary>What a workflow gives an answer: values for some members, the ticket's own parameters to echo, or an error.</summary>
internal sealed record WorkflowResult(Overlay? Overlay, IReadOnlyList<KeyValuePair<string, string>>? Echo = null, AlibabaError? Error = null)
{
    public static WorkflowResult Fail(string code, string message) => new(null, null, AlibabaError.Dms(code, message));
}

/// <summary>
/// The ticket workflows with real state: generic tickets, SQL result-set export, database export and data
/// tracking. Each handler gives only what the state decides (ids, statuses, URLs); the response shape fills
/// the rest. A call in the wrong state is a DMS error (<c>InvalidOrderStatus</c>, <c>InvalidOrderId</c>, ...).
/// </summary>
internal sealed class TicketWorkflows
{
    private readonly EmulatorState _state;
    private readonly CatalogWorkflows _catalog;
    private readonly Dictionary<string, Func<WorkflowCall, WorkflowResult>> _handlers;

    public TicketWorkflows(EmulatorState state, CatalogWorkflows catalog)
    {
        _state = state;
        _catalog = catalog;
        _handlers = new(StringComparer.Ordinal)
        {
            ["CreateOrder"] = c => Create(c, TicketKind.Generic, c.Text("PluginType") ?? "DC_COMMON", "PluginParam", t => new Overlay { ["CreateOrderResult"] = new Overlay { ["OrderIds"] = new[] { t.Id } } }),
            ["CreateDataExportOrder"] = c => Create(c, TicketKind.DataExport, "DATA_EXPORT", "PluginParam", t => new Overlay { ["CreateOrderResult"] = new Overlay { ["CreateOrderResult"] = new[] { t.Id } } }),
            ["CreateDatabaseExportOrder"] = c => Create(c, TicketKind.DatabaseExport, "DATABASE_EXPORT", "PluginParam", t => new Overlay { ["CreateOrderResult"] = new Overlay { ["CreateOrderResult"] = new[] { t.Id } } }),
            ["CreateDataTrackOrder"] = c => Create(c, TicketKind.DataTrack, "DATA_TRACKING", "Param", t => new Overlay { ["CreateOrderResult"] = new[] { t.Id } }),
            ["SubmitOrderApproval"] = c => Move(c, null, s => s == TicketStage.AwaitingSubmit, TicketStage.InApproval, "be waiting to be submitted", workflow: true),
            ["ApproveOrder"] = Approve,
            ["CloseOrder"] = c => Move(c, null, s => s is not (TicketStage.PrecheckFailed or TicketStage.Succeeded or TicketStage.Failed or TicketStage.Rejected or TicketStage.Closed), TicketStage.Closed, "not have ended"),
            ["ExecuteDataExport"] = c => Move(c, TicketKind.DataExport, s => s == TicketStage.Approved, TicketStage.Running, "be approved (ENABLE_EXPORT)"),
            ["GetOrderBaseInfo"] = OrderBaseInfo,
            ["ListOrders"] = ListOrders,
            ["GetApprovalDetail"] = ApprovalDetail,
            ["GetDataExportOrderDetail"] = c => Observe(c, TicketKind.DataExport, (t, s) => ExportDetail(c, t, s)),
            ["GetDataExportPreCheckDetail"] = c => Read(c, TicketKind.DataExport, s => s != TicketStage.Precheck, "have finished its precheck", PrecheckDetail),
            ["GetDataExportDownloadURL"] = c => Read(c, TicketKind.DataExport, _ => true, string.Empty, (t, s) => Download(c, t, s)),
            ["GetDatabaseExportOrderDetail"] = c => Observe(c, TicketKind.DatabaseExport, (t, s) => DatabaseExportDetail(c, t, s)),
            ["GetDbExportDownloadURL"] = c => Read(c, TicketKind.DatabaseExport, _ => true, string.Empty, (t, s) => Download(c, t, s)),
            ["GetDataTrackOrderDetail"] = c => Observe(c, TicketKind.DataTrack, TrackDetail),
            ["GetDataTrackJobDegree"] = c => Observe(c, TicketKind.DataTrack, (t, s) => TrackDegree(c, t, s)),
            ["SearchDataTrackResult"] = c => TrackResult(c, _ => new Overlay { ["TrackResult"] = new Overlay { ["TotalCount"] = 1 } }),
            ["DownloadDataTrackResult"] = c => TrackResult(c, t => new Overlay { ["DownloadKeyId"] = DownloadKey(t) }),
            ["QueryDataTrackResultDownloadStatus"] = c => TrackResult(c, t => c.Text("DownloadKeyId") != DownloadKey(t)
                ? (object)WorkflowResult.Fail("InvalidDownloadKeyId", $"The download key \"{c.Text("DownloadKeyId")}\" does not belong to the ticket {t.Id}; call DownloadDataTrackResult first.")
                : new Overlay { ["StatusResult"] = new Overlay { ["DownloadStatus"] = "DOWNLOAD_SUCCESS", ["DownloadUrl"] = TicketViews.FileUrl(c.Endpoint, t), ["StatusDesc"] = "SUCCESS", ["TotalCount"] = 1 } }),
            ["GetDataTrackJobTableMeta"] = c => Read(c, TicketKind.DataTrack, _ => true, string.Empty, (_, _) => new Overlay()),
        };
    }

    /// <summary>The workflow's result for <paramref name="action"/>, or null when it is not a workflow operation.</summary>
    public WorkflowResult? Handle(string action, WorkflowCall call) => _handlers.TryGetValue(action, out var handler) ? handler(call) : null;

    private static string DownloadKey(Ticket ticket) => "track-" + ticket.Id.ToString(CultureInfo.InvariantCulture) + "-" + ticket.FileToken[..8];

    private WorkflowResult Create(WorkflowCall call, TicketKind kind, string pluginType, string paramName, Func<Ticket, Overlay> answer)
    {
        var parameters = TicketViews.Flatten(call.Text(paramName));

        // The database the ticket works on must be in the catalog; one that names none works on the world's.
        var (database, error) = _catalog.TicketDatabase(call with { Parameters = parameters });
        if (error is not null)
        {
            return new WorkflowResult(null, null, error);
        }

        var ticket = _state.Create(kind, pluginType, call.Text("Comment") ?? string.Empty, parameters, database!);
        return new WorkflowResult(answer(ticket));
    }

    private WorkflowResult Approve(WorkflowCall call)
    {
        var workflowId = call.Long("WorkflowInstanceId");
        var ticket = workflowId is { } id ? _state.FindByWorkflow(id) : null;
        if (ticket is null)
        {
            return WorkflowResult.Fail("InvalidWorkflowInstanceId", $"There is no approval with the workflow instance id {workflowId}.");
        }

        var target = call.Text("ApprovalType")?.ToUpperInvariant() switch
        {
            "AGREE" => TicketStage.Approved,
            "REJECT" => TicketStage.Rejected,
            "CANCEL" => TicketStage.Closed,
            _ => TicketStage.InApproval,  // TRANSFER, ADD_APPROVAL_NODE: the approval goes on
        };
        return ticket.TryMove(s => s == TicketStage.InApproval, target) ? new WorkflowResult(new Overlay()) : WrongState(ticket, "be in approval");
    }

    private WorkflowResult Move(WorkflowCall call, TicketKind? kind, Func<TicketStage, bool> from, TicketStage to, string needs, bool workflow = false)
    {
        if (Find(call, kind, out var ticket) is { } error)
        {
            return error;
        }

        return ticket!.TryMove(from, to, workflow ? _state.NextWorkflowInstanceId() : 0) ? new WorkflowResult(new Overlay()) : WrongState(ticket, needs);
    }

    private WorkflowResult Observe(WorkflowCall call, TicketKind kind, Func<Ticket, TicketStage, Overlay> view) =>
        Find(call, kind, out var ticket) ?? new WorkflowResult(view(ticket!, ticket!.Observe()), Echo(ticket));

    private WorkflowResult Read(WorkflowCall call, TicketKind kind, Func<TicketStage, bool> allowed, string needs, Func<Ticket, TicketStage, Overlay> view)
    {
        if (Find(call, kind, out var ticket) is { } error)
        {
            return error;
        }

        var stage = ticket!.Current();
        return allowed(stage) ? new WorkflowResult(view(ticket, stage), Echo(ticket)) : WrongState(ticket, needs);
    }

    private WorkflowResult TrackResult(WorkflowCall call, Func<Ticket, object> view)
    {
        if (Find(call, TicketKind.DataTrack, out var ticket) is { } error)
        {
            return error;
        }

        if (ticket!.Current() != TicketStage.Succeeded)
        {
            return WrongState(ticket, "have finished its tracking job (FILTER_SUCCESS)");
        }

        return view(ticket) switch
        {
            WorkflowResult result => result,
            var overlay => new WorkflowResult((Overlay)overlay, Echo(ticket)),
        };
    }

    private WorkflowResult? Find(WorkflowCall call, TicketKind? kind, out Ticket? ticket)
    {
        var id = call.Long("OrderId");
        ticket = id is { } orderId ? _state.Find(orderId) : null;
        if (ticket is null)
        {
            return WorkflowResult.Fail("InvalidOrderId", $"The ticket {id} does not exist.");
        }

        return kind is { } expected && ticket.Kind != expected
            ? WorkflowResult.Fail("InvalidOrderId", $"The ticket {id} is a {ticket.Kind} ticket, not a {expected} ticket.")
            : null;
    }

    private static WorkflowResult WrongState(Ticket ticket, string needs) =>
        WorkflowResult.Fail("InvalidOrderStatus", $"The ticket {ticket.Id} is {TicketViews.StatusDescription(ticket.Current())} ({ticket.Current()}); this call needs it to {needs}.");

    /// <summary>The ticket's database as the catalog has it, then its own parameters, so that its detail answers repeat what it was created with (DbId, SchemaName, ExeSQL...).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Echo(Ticket ticket) =>
        CatalogViews.Echo(ticket.Database).Concat(ticket.Parameters).Append(new("OrderId", ticket.Id.ToString(CultureInfo.InvariantCulture))).Append(new("Comment", ticket.Comment)).ToList();

    private Overlay Order(Ticket ticket, TicketStage stage) => new()
    {
        ["OrderId"] = ticket.Id,
        ["Comment"] = ticket.Comment,
        ["PluginType"] = ticket.PluginType,
        ["StatusCode"] = TicketViews.StatusCode(stage),
        ["StatusDesc"] = TicketViews.StatusDescription(stage),
        ["WorkflowInstanceId"] = ticket.WorkflowInstanceId,
        ["WorkflowStatusDesc"] = TicketViews.StatusDescription(stage),
        ["CreateTime"] = TicketViews.Time(ticket.Created),
        ["LastModifyTime"] = TicketViews.Time(ticket.Modified),
    };

    private WorkflowResult OrderBaseInfo(WorkflowCall call) =>
        Find(call, null, out var ticket) ?? new WorkflowResult(new Overlay { ["OrderBaseInfo"] = Order(ticket!, ticket!.Observe()) });

    private WorkflowResult ApprovalDetail(WorkflowCall call)
    {
        var workflowId = call.Long("WorkflowInstanceId");
        var ticket = workflowId is { } id ? _state.FindByWorkflow(id) : null;
        if (ticket is null)
        {
            return WorkflowResult.Fail("InvalidWorkflowInstanceId", $"There is no approval with the workflow instance id {workflowId}.");
        }

        var stage = ticket.Current();
        return new WorkflowResult(new Overlay
        {
            ["ApprovalDetail"] = new Overlay
            {
                ["OrderId"] = ticket.Id,
                ["WorkflowInsCode"] = TicketViews.WorkflowCode(stage),
                ["Title"] = $"{ticket.PluginType} ticket - {ticket.Id}",
                ["Description"] = ticket.Comment,
                ["CreateTime"] = TicketViews.Time(ticket.Created),
                ["WorkflowNodes"] = new Overlay { ["WorkflowNode"] = new[] { new Overlay { ["WorkflowInsCode"] = TicketViews.WorkflowCode(stage), ["NodeName"] = "DBA" } } },
            },
        });
    }

    private WorkflowResult ListOrders(WorkflowCall call) => OrderPages.List(_state.All(), call, Order);

    private static Overlay ExportDetail(WorkflowCall call, Ticket ticket, TicketStage stage) => new()
    {
        ["DataExportOrderDetail"] = new Overlay
        {
            ["KeyInfo"] = new Overlay
            {
                ["PreCheckId"] = ticket.Id + 1000,
                ["JobStatus"] = call.UnknownEnum ? new Undocumented(FaultResponder.UndocumentedStatus) : TicketViews.ExportStatus(ticket, stage),
            },
            ["OrderDetail"] = new Overlay { ["ActualAffectRows"] = stage == TicketStage.Succeeded ? TicketViews.ExportRows(ticket) : 0 },
        },
    };

    private static Overlay PrecheckDetail(Ticket ticket, TicketStage stage) => new()
    {
        ["PreCheckResult"] = new Overlay
        {
            ["PreCheckDetailList"] = new Overlay
            {
                ["PreCheckDetailList"] = new[] { new Overlay { ["SQL"] = ticket.Parameters.FirstOrDefault(p => p.Key == "ExeSQL").Value ?? "SELECT * FROM orders", ["AffectRows"] = TicketViews.ExportRows(ticket) } },
            },
        },
    };

    private static Overlay Download(WorkflowCall call, Ticket ticket, TicketStage stage)
    {
        var ready = stage == TicketStage.Succeeded;
        return new Overlay
        {
            ["DownloadURLResult"] = new Overlay
            {
                ["HasResult"] = ready,
                ["URL"] = ready ? TicketViews.FileUrl(call.Endpoint, ticket) : string.Empty,
                ["TipMessage"] = ready ? "The file is ready." : $"The ticket is {TicketViews.StatusDescription(stage)}; the file exists once it has succeeded.",
            },
        };
    }

    private static Overlay DatabaseExportDetail(WorkflowCall call, Ticket ticket, TicketStage stage) => new()
    {
        ["DatabaseExportOrderDetail"] = new Overlay
        {
            ["Id"] = ticket.Id,
            ["StatusDesc"] = TicketViews.StatusDescription(stage),
            ["WorkflowStatusDesc"] = TicketViews.StatusDescription(stage),
            ["KeyInfo"] = new Overlay { ["DownloadURL"] = stage == TicketStage.Succeeded ? TicketViews.FileUrl(call.Endpoint, ticket) : string.Empty },
        },
    };

    private static Overlay TrackDetail(Ticket ticket, TicketStage stage)
    {
        var step = TicketViews.Track(ticket, stage);
        return new Overlay { ["DataTrackOrderDetail"] = new Overlay { ["JobStatus"] = step.Status, ["StatusDesc"] = step.Description } };
    }

    private static Overlay TrackDegree(WorkflowCall call, Ticket ticket, TicketStage stage)
    {
        var step = TicketViews.Track(ticket, stage);
        return new Overlay
        {
            ["JobDegree"] = new Overlay
            {
                ["ListCompletionDegree"] = step.List,
                ["DownloadCompletionDegree"] = step.Download,
                ["FilterCompletionDegree"] = step.Filter,
                ["JobStatus"] = call.UnknownEnum ? new Undocumented(FaultResponder.UndocumentedStatus) : step.Status,
                ["StatusDesc"] = step.Description,
            },
        };
    }
}
