using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Dms.Codegen.Emulator.Api;

namespace Dms.Codegen.Emulator.State;

/// <summary>How a seeded job ends.</summary>
public enum JobOutcome
{
    /// <summary>EXPORT_SUCCESS / FILTER_SUCCESS.</summary>
    Success,

    /// <summary>EXPORT_FAIL for an export ticket; DOWNLOAD_FAIL for a tracking job.</summary>
    Fail,
}

/// <summary>One step of a data-tracking job: its status and its three completion degrees.</summary>
public readonly record struct TrackStep(DataTrackJobStatus Status, double List, double Download, double Filter, string Description);

/// <summary>
/// Data-export tickets and data-tracking jobs, keyed by order id. Each query advances a job one step (or,
/// with a step interval, one step per interval since it was first seen) until it reaches a terminal state.
/// </summary>
public sealed class EmulatorState
{
    private static readonly DataExportJobStatus[] ExportSuccess =
    {
        DataExportJobStatus.PreChecking, DataExportJobStatus.PreCheckSuccess, DataExportJobStatus.WaitingApplyAudit, DataExportJobStatus.ApplyAuditSuccess,
        DataExportJobStatus.EnableExport, DataExportJobStatus.WaitingExport, DataExportJobStatus.DoingExport, DataExportJobStatus.ExportSuccess,
    };

    private static readonly DataExportJobStatus[] ExportFail =
    {
        DataExportJobStatus.PreChecking, DataExportJobStatus.PreCheckSuccess, DataExportJobStatus.WaitingApplyAudit, DataExportJobStatus.ApplyAuditSuccess,
        DataExportJobStatus.EnableExport, DataExportJobStatus.WaitingExport, DataExportJobStatus.DoingExport, DataExportJobStatus.ExportFail,
    };

    private static readonly TrackStep[] TrackSuccess = BuildTrack(fail: false);
    private static readonly TrackStep[] TrackFail = BuildTrack(fail: true);

    private readonly ConcurrentDictionary<long, Job> _exports = new();
    private readonly ConcurrentDictionary<long, Job> _tracks = new();
    private readonly TimeSpan? _stepInterval;
    private readonly TimeProvider _time;

    /// <summary>Creates the state; <paramref name="stepInterval"/> null advances jobs one step per query.</summary>
    public EmulatorState(TimeSpan? stepInterval, TimeProvider time)
    {
        _stepInterval = stepInterval;
        _time = time;
    }

    /// <summary>How many steps a successful export ticket takes (the states of its JobStatus).</summary>
    public static int ExportSteps => ExportSuccess.Length;

    /// <summary>How many steps a successful tracking job takes.</summary>
    public static int TrackSteps => TrackSuccess.Length;

    /// <summary>Makes the export ticket <paramref name="orderId"/> end in <paramref name="outcome"/>, starting over.</summary>
    public void SeedExportOrder(long orderId, JobOutcome outcome) => _exports[orderId] = new Job(outcome, _time.GetUtcNow());

    /// <summary>Makes the tracking job <paramref name="orderId"/> end in <paramref name="outcome"/>, starting over.</summary>
    public void SeedTrackJob(long orderId, JobOutcome outcome) => _tracks[orderId] = new Job(outcome, _time.GetUtcNow());

    /// <summary>The export ticket's status for this query, advancing it.</summary>
    public DataExportJobStatus NextExportStatus(long orderId)
    {
        var job = _exports.GetOrAdd(orderId, _ => new Job(JobOutcome.Success, _time.GetUtcNow()));
        var steps = job.Outcome == JobOutcome.Success ? ExportSuccess : ExportFail;
        return steps[job.Advance(steps.Length, _stepInterval, _time)];
    }

    /// <summary>The tracking job's progress for this query, advancing it.</summary>
    public TrackStep NextTrackStep(long orderId)
    {
        var job = _tracks.GetOrAdd(orderId, _ => new Job(JobOutcome.Success, _time.GetUtcNow()));
        var steps = job.Outcome == JobOutcome.Success ? TrackSuccess : TrackFail;
        return steps[job.Advance(steps.Length, _stepInterval, _time)];
    }

    /// <summary>INIT, then each of LISTING, DOWNLOADING and FILTERING raising its degree by quarters to 1.</summary>
    private static TrackStep[] BuildTrack(bool fail)
    {
        var steps = new List<TrackStep> { new(DataTrackJobStatus.Init, 0, 0, 0, "initializing") };
        for (var q = 1; q <= 3; q++)
        {
            steps.Add(new(DataTrackJobStatus.Listing, q / 4.0, 0, 0, "listing binary logs"));
        }

        steps.Add(new(DataTrackJobStatus.ListSuccess, 1, 0, 0, "binary logs listed"));
        for (var q = 1; q <= 3; q++)
        {
            steps.Add(new(DataTrackJobStatus.Downloading, 1, q / 4.0, 0, "downloading binary logs"));
        }

        if (fail)
        {
            steps.Add(new(DataTrackJobStatus.DownloadFail, 1, 0.75, 0, "download failed"));
            return steps.ToArray();
        }

        steps.Add(new(DataTrackJobStatus.DownloadSuccess, 1, 1, 0, "binary logs downloaded"));
        for (var q = 1; q <= 3; q++)
        {
            steps.Add(new(DataTrackJobStatus.Filtering, 1, 1, q / 4.0, "searching"));
        }

        steps.Add(new(DataTrackJobStatus.FilterSuccess, 1, 1, 1, "searching success"));
        return steps.ToArray();
    }

    private sealed class Job
    {
        private int _calls;

        public Job(JobOutcome outcome, DateTimeOffset started)
        {
            Outcome = outcome;
            Started = started;
        }

        public JobOutcome Outcome { get; }

        public DateTimeOffset Started { get; }

        /// <summary>The step index for this query: by calls, or by time since the first query.</summary>
        public int Advance(int stepCount, TimeSpan? interval, TimeProvider time)
        {
            var calls = System.Threading.Interlocked.Increment(ref _calls) - 1;
            var step = interval is { } each ? (int)((time.GetUtcNow() - Started) / each) : calls;
            return Math.Min(step, stepCount - 1);
        }
    }
}
