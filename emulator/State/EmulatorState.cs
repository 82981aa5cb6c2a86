using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Dms.Codegen.Emulator.State;

/// <summary>What a test can read about a ticket.</summary>
public sealed record TicketInfo(long OrderId, TicketKind Kind, string PluginType, TicketStage Stage, TicketFailure Failure, long WorkflowInstanceId, long DbId);

/// <summary>
/// The tickets the emulator keeps, created through the API (<c>CreateOrder</c>, <c>CreateDataExportOrder</c>,
/// <c>CreateDatabaseExportOrder</c>, <c>CreateDataTrackOrder</c>). Failures are seeded per ticket, or for the next
/// ticket created; time goes through the emulator's <see cref="TimeProvider"/>.
/// </summary>
public sealed class EmulatorState
{
    /// <summary>The first order id handed out.</summary>
    public const long FirstOrderId = 10_001;

    /// <summary>The most tickets kept (give or take a tenth); creating more removes the oldest finished ones (bounded memory).</summary>
    public const int MaxTickets = 10_000;

    private readonly ConcurrentDictionary<long, Ticket> _tickets = new();
    private readonly ConcurrentQueue<TicketFailure> _nextFailures = new();
    private readonly TimeSpan? _stepInterval;
    private readonly TimeProvider _time;
    private long _lastOrderId = FirstOrderId - 1;
    private long _lastWorkflowId = 70_000;

    /// <summary>Creates the state; <paramref name="stepInterval"/> null advances tickets one step per detail query.</summary>
    public EmulatorState(TimeSpan? stepInterval, TimeProvider time)
    {
        _stepInterval = stepInterval;
        _time = time;
    }

    /// <summary>The instances, databases and tables (with their columns) that lists answer from and tickets refer to.</summary>
    public Catalog Catalog { get; } = new();

    /// <summary>The lengths of the synthesized lists (the lists the state does not keep).</summary>
    public ListSeeds Lists { get; } = new();

    /// <summary>How many tickets there are.</summary>
    public int TicketCount => _tickets.Count;

    /// <summary>Every ticket, newest first.</summary>
    public IReadOnlyList<TicketInfo> Tickets => _tickets.Values.OrderByDescending(t => t.Id).Select(Info).ToList();

    /// <summary>Seeds <paramref name="failure"/> into the ticket <paramref name="orderId"/>; false if there is no such ticket.</summary>
    public bool SeedFailure(long orderId, TicketFailure failure)
    {
        if (!_tickets.TryGetValue(orderId, out var ticket))
        {
            return false;
        }

        ticket.Failure = failure;
        return true;
    }

    /// <summary>Seeds <paramref name="failure"/> into the next ticket created (queued: one per call).</summary>
    public void SeedNextTicket(TicketFailure failure) => _nextFailures.Enqueue(failure);

    /// <summary>
    /// Adds a ticket as its create operation would (a data export starts in its precheck, the others wait to be
    /// submitted), for tests that start from existing tickets; returns its order id.
    /// </summary>
    /// <param name="kind">The kind of ticket.</param>
    /// <param name="failure">A failure to seed into it (default: none, or the one queued by <see cref="SeedNextTicket"/>).</param>
    /// <param name="comment">Its comment.</param>
    /// <param name="stage">Where it starts: its first stage by default; <see cref="TicketStage.Succeeded"/> for a finished ticket with its result file.</param>
    /// <param name="database">The <see cref="Catalog"/>'s database it works on (default: the world's, 2001).</param>
    /// <returns>The ticket's order id.</returns>
    public long SeedTicket(TicketKind kind, TicketFailure failure = TicketFailure.None, string comment = "seeded by a test", TicketStage? stage = null, long? database = null)
    {
        var plugin = kind switch
        {
            TicketKind.DataExport => "DATA_EXPORT",
            TicketKind.DatabaseExport => "DATABASE_EXPORT",
            TicketKind.DataTrack => "DATA_TRACKING",
            _ => "DC_COMMON",
        };
        var ticket = Create(kind, plugin, comment, Array.Empty<KeyValuePair<string, string>>(), database is { } dbId ? Catalog.Database(dbId) ?? throw new ArgumentException($"There is no database {dbId} in the catalog.", nameof(database)) : Catalog.DefaultDatabase);
        if (failure != TicketFailure.None)
        {
            ticket.Failure = failure;
        }

        if (stage is { } start)
        {
            ticket.Force(start, start is TicketStage.AwaitingSubmit or TicketStage.Precheck ? 0 : NextWorkflowInstanceId());
        }

        return ticket.Id;
    }

    /// <summary>The ticket <paramref name="orderId"/>, if there is one.</summary>
    public TicketInfo? Ticket(long orderId) => _tickets.TryGetValue(orderId, out var ticket) ? Info(ticket) : null;

    internal Ticket Create(TicketKind kind, string pluginType, string comment, IReadOnlyList<KeyValuePair<string, string>> parameters, CatalogDatabase database)
    {
        var id = Interlocked.Increment(ref _lastOrderId);
        var failure = _nextFailures.TryDequeue(out var seeded) ? seeded : TicketFailure.None;
        var ticket = new Ticket(id, kind, pluginType, comment, parameters, database, failure, _stepInterval, _time);
        _tickets[id] = ticket;
        Trim();
        return ticket;
    }

    internal Ticket? Find(long orderId) => _tickets.TryGetValue(orderId, out var ticket) ? ticket : null;

    internal Ticket? FindByWorkflow(long workflowInstanceId) => _tickets.Values.FirstOrDefault(t => t.WorkflowInstanceId == workflowInstanceId);

    internal IEnumerable<Ticket> All() => _tickets.Values.OrderByDescending(t => t.Id);

    internal long NextWorkflowInstanceId() => Interlocked.Increment(ref _lastWorkflowId);

    private static TicketInfo Info(Ticket t) => new(t.Id, t.Kind, t.PluginType, t.Current(), t.Failure, t.WorkflowInstanceId, t.Database.DbId);

    private void Trim()
    {
        // In batches of a tenth of the cap, so that a steady stream of new tickets costs one sort per thousand.
        if (_tickets.Count <= MaxTickets + (MaxTickets / 10))
        {
            return;
        }

        // The oldest finished tickets go first; if that is not enough, the oldest of all.
        var excess = _tickets.Count - MaxTickets;
        foreach (var old in _tickets.Values.OrderBy(t => t.IsFinal ? 0 : 1).ThenBy(t => t.Id).Take(excess).ToList())
        {
            _tickets.TryRemove(old.Id, out _);
        }
    }
}
