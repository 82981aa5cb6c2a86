using System;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>
/// Unsigned control endpoints under <c>/_emulator/</c> (the emulator listens on loopback only): faults per
/// access key, and seeded job outcomes. Plain request handling, no minimal-API binding, so the emulator
/// stays trim- and NativeAOT-safe inside a published app.
/// </summary>
internal sealed class AdminEndpoints
{
    public const string Prefix = "/_emulator";

    private readonly EmulatorState _state;
    private readonly FaultQueue _faults;

    public AdminEndpoints(EmulatorState state, FaultQueue faults)
    {
        _state = state;
        _faults = faults;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        var (status, text) = (method, path) switch
        {
            ("GET", "/_emulator/health") => (200, "ok"),
            ("POST", "/_emulator/faults") => await EnqueueFaultAsync(context),
            ("DELETE", "/_emulator/faults") => Clear(),
            ("POST", _) when path.StartsWith("/_emulator/export-orders/", StringComparison.Ordinal) => Seed(context, path, (id, outcome) => _state.SeedExportOrder(id, outcome)),
            ("POST", _) when path.StartsWith("/_emulator/track-jobs/", StringComparison.Ordinal) => Seed(context, path, (id, outcome) => _state.SeedTrackJob(id, outcome)),
            _ => (404, "unknown emulator endpoint; see emulator/README.md"),
        };
        context.Response.StatusCode = status;
        if (text.Length > 0)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text);
        }
    }

    // POST /_emulator/faults {"accessKeyId":"testid","fault":"throttle","count":2}
    private async Task<(int, string)> EnqueueFaultAsync(HttpContext context)
    {
        const string Usage = "expected {\"accessKeyId\": \"...\", \"fault\": \"throttle|5xx|latency=MS|drop|malformed|unknown-enum\", \"count\": N}";
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (400, Usage);
            }

            var key = Text(root, "accessKeyId") ?? DmsEmulatorOptions.DefaultAccessKeyId;
            var count = !root.TryGetProperty("count", out var c) ? 1 : c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
            if (Text(root, "fault") is not { } word || !EmulatorFault.TryParse(word, out var fault) || count < 1)
            {
                return (400, Usage);
            }

            _faults.Enqueue(key, fault, count);
            return (204, string.Empty);
        }
        catch (JsonException)
        {
            return (400, Usage);
        }
    }

    private (int, string) Clear()
    {
        _faults.Clear();
        return (204, string.Empty);
    }

    // POST /_emulator/export-orders/123?outcome=fail   and   /_emulator/track-jobs/123?outcome=fail
    private static (int, string) Seed(HttpContext context, string path, Action<long, JobOutcome> seed)
    {
        var id = path[(path.LastIndexOf('/') + 1)..];
        if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var orderId))
        {
            return (400, "the last path segment must be an order id");
        }

        if (!Enum.TryParse<JobOutcome>(context.Request.Query["outcome"].ToString() is { Length: > 0 } o ? o : "success", ignoreCase: true, out var outcome))
        {
            return (400, "outcome must be success or fail");
        }

        seed(orderId, outcome);
        return (204, string.Empty);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
