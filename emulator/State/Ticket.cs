using System;
using System.Collections.Generic;

namespace Dms.Codegen.Emulator.State;

/// <summary>A failure seeded into one ticket.</summary>
public enum TicketFailure
{
    /// <summary>The ticket goes through.</summary>
    None,

    /// <summary>The precheck of a data-export ticket fails (<c>PRE_CHECK_FAIL</c>).</summary>
    PrecheckFails,

    /// <summary>The approver rejects the ticket once it is submitted (<c>reject</c>).</summary>
    ApprovalRejected,

    /// <summary>The run fails: <c>EXPORT_FAIL</c>, <c>DOWNLOAD_FAIL</c> for tracking, <c>fail</c> for other tickets.</summary>
    ExecutionFails,
}

/// <summary>The kinds of ticket the emulator keeps state for.</summary>
public enum TicketKind
{
    /// <summary>A ticket from <c>CreateOrder</c>, of any plugin type.</summary>
    Generic,

    /// <summary>A SQL result-set export (<c>CreateDataExportOrder</c>).</summary>
    DataExport,

    /// <summary>A database export (<c>CreateDatabaseExportOrder</c>).</summary>
    DatabaseExport,

    /// <summary>A data-tracking ticket (<c>CreateDataTrackOrder</c>).</summary>
    DataTrack,
}

/// <summary>Where a ticket is in its lifecycle.</summary>
public enum TicketStage
{
    /// <summary>A data-export ticket's precheck is running.</summary>
    Precheck,

    /// <summary>The precheck failed; the ticket ends here.</summary>
    PrecheckFailed,

    /// <summary>Waiting for <c>SubmitOrderApproval</c>.</summary>
    AwaitingSubmit,

    /// <summary>Submitted, waiting for <c>ApproveOrder</c>.</summary>
    InApproval,

    /// <summary>Approved; a data-export ticket waits for <c>ExecuteDataExport</c>, the others run at once.</summary>
    Approved,

    /// <summary>Running (export, tracking job, execution).</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Succeeded,

    /// <summary>The run failed.</summary>
    Failed,

    /// <summary>The approver rejected it.</summary>
    Rejected,

    /// <summary>Closed with <c>CloseOrder</c>, or cancelled.</summary>
    Closed,
}

/// <summary>
/// One ticket and its lifecycle. Stages that wait for a person change only on a call; the precheck, the run,
/// and a seeded rejection advance by themselves: one step per observation of the ticket (a detail query), or,
/// with a step interval, one step per interval on the emulator's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class Ticket
{
    private readonly object _gate = new();
    private readonly TimeSpan? _interval;
    private readonly TimeProvider _time;
    private DateTimeOffset _stageStarted;
    private int _observations;

    public Ticket(long id, TicketKind kind, string pluginType, string comment, IReadOnlyList<KeyValuePair<string, string>> parameters, CatalogDatabase database, TicketFailure failure, TimeSpan? interval, TimeProvider time)
    {
        Database = database;
        Id = id;
        Kind = kind;
        PluginType = pluginType;
        Comment = comment;
        Parameters = parameters;
        Failure = failure;
        _interval = interval;
        _time = time;
        Created = Modified = _stageStarted = time.GetUtcNow();
        Stage = kind == TicketKind.DataExport ? TicketStage.Precheck : TicketStage.AwaitingSubmit;
        FileToken = Guid.NewGuid().ToString("N");
    }

    public long Id { get; }

    public TicketKind Kind { get; }

    public string PluginType { get; }

    public string Comment { get; }

    /// <summary>The ticket's own parameters (its plugin parameters, flattened), echoed by its detail answers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public TicketFailure Failure { get; set; }

    /// <summary>The catalog's database the ticket works on (the one its DbId names; the world's when it names none).</summary>
    public CatalogDatabase Database { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset Modified { get; private set; }

    public TicketStage Stage { get; private set; }

    /// <summary>Steps taken in the current automatic stage (precheck, run); 0 elsewhere.</summary>
    public int Step { get; private set; }

    /// <summary>Set when the submitted ticket enters approval.</summary>
    public long WorkflowInstanceId { get; private set; }

    /// <summary>An unguessable part of the result file's URL.</summary>
    public string FileToken { get; }

    /// <summary>True once, on the observation that ended the precheck (the ticket then shows PRE_CHECK_SUCCESS).</summary>
    public bool JustPrechecked { get; private set; }

    /// <summary>How many steps the run of this kind takes before it ends.</summary>
    public int RunSteps => Kind switch
    {
        TicketKind.DataExport => 2,  // WAITING_EXPORT, DOING_EXPORT
        TicketKind.DataTrack => TrackProgress.RunningSteps(Failure == TicketFailure.ExecutionFails),
        _ => 2,
    };

    /// <summary>A detail query: advances the automatic stages, then returns the stage to show.</summary>
    public TicketStage Observe()
    {
        lock (_gate)
        {
            _observations++;
            JustPrechecked = false;
            Advance();
            return Stage;
        }
    }

    /// <summary>Moves the ticket on a call, if it is in <paramref name="from"/>; false (nothing changed) otherwise.</summary>
    public bool TryMove(Func<TicketStage, bool> from, TicketStage to, long workflowInstanceId = 0)
    {
        lock (_gate)
        {
            Advance();
            if (!from(Stage))
            {
                return false;
            }

            Enter(to);
            if (workflowInstanceId != 0)
            {
                WorkflowInstanceId = workflowInstanceId;
            }

            // Other kinds run as soon as they are approved; a data export waits for ExecuteDataExport.
            if (to == TicketStage.Approved && Kind != TicketKind.DataExport)
            {
                Enter(TicketStage.Running);
            }

            return true;
        }
    }

    /// <summary>Puts a seeded ticket straight into <paramref name="stage"/>, with an approval when it has been submitted.</summary>
    public void Force(TicketStage stage, long workflowInstanceId)
    {
        lock (_gate)
        {
            Enter(stage);
            WorkflowInstanceId = workflowInstanceId;
        }
    }

    public TicketStage Current()
    {
        lock (_gate)
        {
            return Stage;
        }
    }

    public bool IsFinal => Current() is TicketStage.PrecheckFailed or TicketStage.Succeeded or TicketStage.Failed or TicketStage.Rejected or TicketStage.Closed;

    private void Advance()
    {
        var steps = _interval is { } each ? (int)((_time.GetUtcNow() - _stageStarted) / each) : _observations - 1;
        switch (Stage)
        {
            case TicketStage.Precheck when steps >= 1:
                Enter(Failure == TicketFailure.PrecheckFails ? TicketStage.PrecheckFailed : TicketStage.AwaitingSubmit);
                JustPrechecked = Stage == TicketStage.AwaitingSubmit;
                break;
            case TicketStage.InApproval when Failure == TicketFailure.ApprovalRejected && steps >= 1:
                Enter(TicketStage.Rejected);
                break;
            case TicketStage.Running:
                Step = Math.Max(0, Math.Min(steps, RunSteps));
                if (steps >= RunSteps)
                {
                    Enter(Failure == TicketFailure.ExecutionFails ? TicketStage.Failed : TicketStage.Succeeded);
                }

                break;
        }
    }

    private void Enter(TicketStage stage)
    {
        Stage = stage;
        Step = 0;
        Modified = _stageStarted = _time.GetUtcNow();

        // The observation that entered an automatic stage is its first step.
        _observations = 0;
    }
}
