using System;
using System.Collections.Generic;
using System.Globalization;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>The command-line host's options, parsed apart from the host so that they can be tested.</summary>
internal sealed class EmulatorCommandLine
{
    public const string Usage = """
        Dms.Codegen local DMS emulator (dms-enterprise 2018-11-01), listening on 127.0.0.1 only.

        Usage: dotnet run --project emulator -- [options]

        Options:
          --port N                     port to listen on (default 8080; 0 picks a free one)
          --access-key-id ID           the access key id to accept (default testid)
          --access-key-secret SECRET   its secret (default testsecret); give both or neither
          --no-replay-protection       accept a signature nonce more than once
          --step-interval-ms N         advance jobs one step every N ms (default: one step per query)
          --throttle-retry-after-ms N  the x-acs-retry-after the throttle fault sends (default 100)
          --max-clock-skew-minutes N   reject timestamps further than this from the clock (default 15)
          --verbose                    print one line per request (action, status, error code; never a secret)
          --help                       show this text

        Faults for one request: the header x-dms-emulator-fault, comma-separated:
          throttle | throttle=429 | 5xx | 503 | 500 | latency=MS | drop | malformed | unknown-enum
        Faults for the next N calls of a key:
          POST /_emulator/faults {"accessKeyId":"testid","fault":"throttle","count":2}   (DELETE clears)
        Seeded failures (precheck | approval | execution | none):
          POST /_emulator/orders/{orderId}?failure=execution     (that ticket)
          POST /_emulator/next-order?failure=precheck            (the next ticket created)
        """;

    public DmsEmulatorOptions Options { get; } = new() { Port = 8080 };

    public bool Help { get; private set; }

    public bool Verbose { get; private set; }

    /// <summary>Parses <paramref name="args"/>; on a mistake returns false with a message for standard error.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out EmulatorCommandLine commandLine, out string? error)
    {
        commandLine = new EmulatorCommandLine();
        error = null;
        string? keyId = null;
        string? secret = null;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            int? NextNumber(int min)
            {
                var text = Next();
                return text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min ? n : null;
            }

            switch (option)
            {
                case "--help" or "-h" or "-?":
                    commandLine.Help = true;
                    return true;
                case "--port" when NextNumber(0) is { } port && port <= 65535:
                    commandLine.Options.Port = port;
                    break;
                case "--access-key-id" when Next() is { Length: > 0 } id:
                    keyId = id;
                    break;
                case "--access-key-secret" when Next() is { Length: > 0 } value:
                    secret = value;
                    break;
                case "--no-replay-protection":
                    commandLine.Options.ReplayProtection = false;
                    break;
                case "--step-interval-ms" when NextNumber(1) is { } ms:
                    commandLine.Options.StepInterval = TimeSpan.FromMilliseconds(ms);
                    break;
                case "--throttle-retry-after-ms" when NextNumber(0) is { } ms:
                    commandLine.Options.ThrottleRetryAfterMilliseconds = ms;
                    break;
                case "--max-clock-skew-minutes" when NextNumber(0) is { } minutes:
                    commandLine.Options.MaxClockSkew = TimeSpan.FromMinutes(minutes);
                    break;
                case "--verbose" or "-v":
                    commandLine.Verbose = true;
                    break;
                case "--port" or "--access-key-id" or "--access-key-secret" or "--step-interval-ms" or "--throttle-retry-after-ms" or "--max-clock-skew-minutes":
                    error = $"{option} needs a valid value.";
                    return false;
                default:
                    error = $"Unknown option {option}.";
                    return false;
            }
        }

        if ((keyId is null) != (secret is null))
        {
            error = "Give both --access-key-id and --access-key-secret, or neither.";
            return false;
        }

        if (keyId is not null)
        {
            commandLine.Options.AccessKeys[keyId] = secret!;
        }

        return true;
    }
}
