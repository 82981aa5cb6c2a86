using System;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>
/// Unsigned control endpoints under <c>/_emulator/</c> (the emulator listens on loopback only):
/// faults per access key, and seeded job outcomes.
/// </summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/_emulator";

    public static void Map(WebApplication app, EmulatorState state, FaultQueue faults)
    {
        app.MapGet("/_emulator/health", () => Results.Text("ok"));

        // POST /_emulator/faults {"accessKeyId":"testid","fault":"throttle","count":2}
        app.MapPost("/_emulator/faults", async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = document.RootElement;
            var key = Text(root, "accessKeyId") ?? DmsEmulatorOptions.DefaultAccessKeyId;
            var count = root.TryGetProperty("count", out var c) && c.TryGetInt32(out var n) ? n : 1;
            if (Text(root, "fault") is not { } word || !EmulatorFault.TryParse(word, out var fault) || count < 1)
            {
                return Results.BadRequest("expected {\"accessKeyId\": \"...\", \"fault\": \"throttle|5xx|latency=MS|drop|malformed|unknown-enum\", \"count\": N}");
            }

            faults.Enqueue(key, fault, count);
            return Results.NoContent();
        });

        app.MapDelete("/_emulator/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        // POST /_emulator/export-orders/123?outcome=fail   and   /_emulator/track-jobs/123?outcome=fail
        app.MapPost("/_emulator/export-orders/{orderId:long}", (long orderId, string? outcome) => Seed(outcome, o => state.SeedExportOrder(orderId, o)));
        app.MapPost("/_emulator/track-jobs/{orderId:long}", (long orderId, string? outcome) => Seed(outcome, o => state.SeedTrackJob(orderId, o)));
    }

    private static IResult Seed(string? outcome, Action<JobOutcome> seed)
    {
        if (!Enum.TryParse<JobOutcome>(outcome ?? "success", ignoreCase: true, out var value))
        {
            return Results.BadRequest("outcome must be success or fail");
        }

        seed(value);
        return Results.NoContent();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
