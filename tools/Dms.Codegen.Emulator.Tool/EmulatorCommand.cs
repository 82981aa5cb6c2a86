using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Dms.Codegen.Emulator.Tool;

/// <summary>
/// The command line of <c>dms-emulator</c>, on System.CommandLine: <c>--port 8080</c> and <c>--port=8080</c>,
/// <c>-h</c>/<c>--help</c>, errors that name the option. Parsing is apart from running so that it can be tested.
/// </summary>
internal static class EmulatorCommand
{
    public static readonly Option<int> Port = new("--port", "-p")
    {
        Description = "The port on 127.0.0.1 (0 picks a free one).",
        DefaultValueFactory = _ => 8080,
    };

    public static readonly Option<string[]> AccessKeys = new("--access-key", "-k")
    {
        Description = $"A key pair to accept, as ID:SECRET; repeat it for several (default {DmsEmulatorOptions.DefaultAccessKeyId}:{DmsEmulatorOptions.DefaultAccessKeySecret}).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<bool> NoReplayProtection = new("--no-replay-protection")
    {
        Description = "Accept a signature nonce more than once (to replay one pre-signed request in a benchmark).",
    };

    public static readonly Option<int?> StepIntervalMs = new("--step-interval-ms")
    {
        Description = "Move tickets one step every N ms (default: one step per detail query).",
    };

    public static readonly Option<int> ThrottleRetryAfterMs = new("--throttle-retry-after-ms")
    {
        Description = "The x-acs-retry-after the throttle fault sends, in ms.",
        DefaultValueFactory = _ => 100,
    };

    public static readonly Option<int> MaxClockSkewMinutes = new("--max-clock-skew-minutes")
    {
        Description = "Reject timestamps further than this from the clock.",
        DefaultValueFactory = _ => 15,
    };

    public static readonly Option<int> MaxNonces = new("--max-nonces")
    {
        Description = "The most signature nonces remembered at once; beyond it requests get 503 Throttling.",
        DefaultValueFactory = _ => 100_000,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "One line per request: method, action, status, error code (never a secret, signature, URL or value).",
    };

    static EmulatorCommand()
    {
        Port.Validators.Add(r => Range(r, 0, 65535));
        StepIntervalMs.Validators.Add(r => Range(r, 1, int.MaxValue));
        ThrottleRetryAfterMs.Validators.Add(r => Range(r, 0, int.MaxValue));
        MaxClockSkewMinutes.Validators.Add(r => Range(r, 0, 24 * 60));
        MaxNonces.Validators.Add(r => Range(r, 1, int.MaxValue));
        AccessKeys.Validators.Add(r =>
        {
            foreach (var pair in r.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                if (pair.IndexOf(':') is <= 0 || pair.EndsWith(':'))
                {
                    r.AddError("--access-key must be ID:SECRET, with neither part empty.");
                }
            }
        });
    }

    /// <summary>The root command; <paramref name="run"/> gets the options and the Ctrl+C token.</summary>
    public static RootCommand Create(Func<DmsEmulatorOptions, bool, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand(
            "The Dms.Codegen local DMS emulator (dms-enterprise 2018-11-01), listening on 127.0.0.1 only.\n"
            + $"Faults for one request: the header {DmsEmulator.FaultHeader}: throttle | throttle=429 | 5xx | 503 | 500 | latency=MS | drop | malformed | unknown-enum | cut=K (a stream cut after K events).\n"
            + "Faults for the next N calls of a key: POST /_emulator/faults {\"accessKeyId\":\"testid\",\"fault\":\"throttle\",\"count\":2} (DELETE clears).\n"
            + "Seeded failures: POST /_emulator/orders/{orderId}?failure=precheck|approval|execution, POST /_emulator/next-order?failure=...\n"
            + "Catalog: POST /_emulator/catalog/instances|databases|tables with a JSON body (see the emulator's README); it answers the new id.");
        foreach (var option in new Option[] { Port, AccessKeys, NoReplayProtection, StepIntervalMs, ThrottleRetryAfterMs, MaxClockSkewMinutes, MaxNonces, Verbose })
        {
            root.Options.Add(option);
        }

        root.SetAction((result, cancellationToken) => run(ToOptions(result), result.GetValue(Verbose), cancellationToken));
        return root;
    }

    /// <summary>The emulator options a parsed command line asks for.</summary>
    public static DmsEmulatorOptions ToOptions(ParseResult result)
    {
        var options = new DmsEmulatorOptions
        {
            Port = result.GetValue(Port),
            ReplayProtection = !result.GetValue(NoReplayProtection),
            StepInterval = result.GetValue(StepIntervalMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            ThrottleRetryAfterMilliseconds = result.GetValue(ThrottleRetryAfterMs),
            MaxClockSkew = TimeSpan.FromMinutes(result.GetValue(MaxClockSkewMinutes)),
            MaxRememberedNonces = result.GetValue(MaxNonces),
        };
        foreach (var pair in result.GetValue(AccessKeys) ?? Array.Empty<string>())
        {
            var split = pair.IndexOf(':');
            options.AccessKeys[pair[..split]] = pair[(split + 1)..];
        }

        return options;
    }

    private static void Range(System.CommandLine.Parsing.OptionResult result, int min, int max)
    {
        // Only a value given as a number: a default is in range, and a token that is no number already has the
        // parser's error (reading the value here would throw instead).
        if (result.Tokens.Count == 1
            && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && (value < min || value > max))
        {
            result.AddError($"{result.Option.Name} must be from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
