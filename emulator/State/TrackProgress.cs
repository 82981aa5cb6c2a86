using System.Collections.Generic;

namespace Dms.Codegen.Emulator.State;

/// <summary>One step of a data-tracking job: its status and its three completion degrees.</summary>
public readonly record struct TrackStep(string Status, double List, double Download, double Filter, string Description);

/// <summary>
/// A tracking job's run: INIT, then LISTING, DOWNLOADING and FILTERING raising their degree by quarters to 1,
/// one phase after the other, ending in FILTER_SUCCESS; a seeded failure stops it at DOWNLOAD_FAIL.
/// </summary>
public static class TrackProgress
{
    private static readonly TrackStep[] Success = Build(fail: false);
    private static readonly TrackStep[] Fail = Build(fail: true);

    /// <summary>The steps before the job ends.</summary>
    public static int RunningSteps(bool fail) => (fail ? Fail : Success).Length - 1;

    /// <summary>The step the job shows while running (<paramref name="step"/> below <see cref="RunningSteps"/>) or once ended.</summary>
    public static TrackStep At(int step, bool fail)
    {
        var steps = fail ? Fail : Success;
        return steps[System.Math.Clamp(step, 0, steps.Length - 1)];
    }

    /// <summary>The last step: FILTER_SUCCESS, or DOWNLOAD_FAIL.</summary>
    public static TrackStep End(bool fail) => At(int.MaxValue, fail);

    private static TrackStep[] Build(bool fail)
    {
        var steps = new List<TrackStep> { new("INIT", 0, 0, 0, "initializing") };
        for (var q = 1; q <= 3; q++)
        {
            steps.Add(new("LISTING", q / 4.0, 0, 0, "listing binary logs"));
        }

        steps.Add(new("LIST_SUCCESS", 1, 0, 0, "binary logs listed"));
        for (var q = 1; q <= 3; q++)
        {
            steps.Add(new("DOWNLOADING", 1, q / 4.0, 0, "downloading binary logs"));
        }

        if (fail)
        {
            steps.Add(new("DOWNLOAD_FAIL", 1, 0.75, 0, "download failed"));
            return steps.ToArray();
        }

        steps.Add(new("DOWNLOAD_SUCCESS", 1, 1, 0, "binary logs downloaded"));
        for (var q = 1; q <= 3; q++)
        {
            steps.Add(new("FILTERING", 1, 1, q / 4.0, "searching"));
        }

        steps.Add(new("FILTER_SUCCESS", 1, 1, 1, "searching success"));
        return steps.ToArray();
    }
}
