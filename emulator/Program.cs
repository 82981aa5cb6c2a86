using System;
using System.Globalization;
using Dms.Codegen.Emulator;

// The command-line host: dotnet run --project emulator -- --port 8080
const string Usage = """
    Dms.Codegen local DMS emulator (dms-enterprise 2018-11-01), listening on 127.0.0.1.

    Options:
      --port N                     port to listen on (default 8080; 0 picks a free one)
      --access-key-id ID           the access key id to accept (default testid)
      --access-key-secret SECRET   its secret (default testsecret)
      --no-replay-protection       accept a signature nonce more than once
      --step-interval-ms N         advance jobs one step every N ms (default: one step per query)
      --help                       show this text

    Faults: send the header x-dms-emulator-fault: throttle | 5xx | latency=MS | drop | malformed | unknown-enum
    (comma-separated), or POST /_emulator/faults {"accessKeyId":"testid","fault":"throttle","count":2}.
    Seed outcomes: POST /_emulator/export-orders/{orderId}?outcome=fail, POST /_emulator/track-jobs/{orderId}?outcome=fail
    """;

var options = new DmsEmulatorOptions { Port = 8080 };
string? keyId = null;
string? secret = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        case "--port":
            options.Port = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--access-key-id":
            keyId = Next();
            break;
        case "--access-key-secret":
            secret = Next();
            break;
        case "--no-replay-protection":
            options.ReplayProtection = false;
            break;
        case "--step-interval-ms":
            options.StepInterval = TimeSpan.FromMilliseconds(int.Parse(Next(), CultureInfo.InvariantCulture));
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}.\n\n{Usage}");
            return 2;
    }
}

if ((keyId is null) != (secret is null))
{
    Console.Error.WriteLine("Give both --access-key-id and --access-key-secret, or neither.");
    return 2;
}

if (keyId is not null)
{
    options.AccessKeys[keyId] = secret!;
}

await using var emulator = await DmsEmulator.StartAsync(options);
Console.WriteLine($"DMS emulator listening on {emulator.Endpoint} (access key id {keyId ?? DmsEmulatorOptions.DefaultAccessKeyId}); operations: {string.Join(", ", System.Linq.Enumerable.Select(DmsEmulator.Operations, o => o.Action))}. Ctrl+C stops it.");
await emulator.WaitForShutdownAsync();
return 0;
