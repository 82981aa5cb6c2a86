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
internal sealed partial class AdminEndpoints
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
            ("POST", "/_emulator/next-order") => SeedNext(context),
            ("POST", _) when path.StartsWith("/_emulator/orders/", StringComparison.Ordinal) => Seed(context, path),
            ("POST", _) when path.StartsWith(ListsPrefix, StringComparison.Ordinal) => SeedList(context, path),
            ("POST", _) when path.StartsWith(CatalogPrefix, StringComparison.Ordinal) => await AddToCatalogAsync(context, path[CatalogPrefix.Length..]),
            ("GET", _) when path.StartsWith("/_emulator/files/", StringComparison.Ordinal) => await ServeFileAsync(context, path),
            _ => (404, "unknown emulator endpoint; see emulator/README.md"),
        };
        if (status == 0)
        {
            return; // a file was served
        }

        context.Response.StatusCode = status;
        if (text.Length > 0)
        {
            context.Response.ContentType = text.StartsWith('{') ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
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

    // POST /_emulator/orders/10001?failure=precheck   (precheck | approval | execution | none)
    private (int, string) Seed(HttpContext context, string path)
    {
        var id = path["/_emulator/orders/".Length..];
        if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var orderId))
        {
            return (400, "the last path segment must be an order id");
        }

        if (!TryFailure(context, out var failure))
        {
            return (400, FailureUsage);
        }

        return _state.SeedFailure(orderId, failure) ? (204, string.Empty) : (404, $"there is no ticket {orderId}");
    }

    // POST /_emulator/next-order?failure=execution: the next ticket created gets the failure.
    private (int, string) SeedNext(HttpContext context)
    {
        if (!TryFailure(context, out var failure))
        {
            return (400, FailureUsage);
        }

        _state.SeedNextTicket(failure);
        return (204, string.Empty);
    }

    private const string ListsPrefix = "/_emulator/lists/";

    // POST /_emulator/lists/ListDatabases?length=250: the synthesized list of that operation holds 250 items.
    private (int, string) SeedList(HttpContext context, string path)
    {
        var action = path[ListsPrefix.Length..];
        if (action.Length == 0 || action.Contains('/', StringComparison.Ordinal)
            || !int.TryParse(context.Request.Query["length"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > ListSeeds.MaxLength)
        {
            return (400, $"expected /_emulator/lists/{{Action}}?length=N with N from 0 to {ListSeeds.MaxLength}");
        }

        _state.Lists.SeedLength(action, length);
        return (204, string.Empty);
    }

    private const string FailureUsage = "failure must be precheck, approval, execution or none";

    private static bool TryFailure(HttpContext context, out TicketFailure failure)
    {
        failure = context.Request.Query["failure"].ToString().ToLowerInvariant() switch
        {
            "precheck" => TicketFailure.PrecheckFails,
            "approval" or "reject" => TicketFailure.ApprovalRejected,
            "execution" or "export" or "fail" => TicketFailure.ExecutionFails,
            "none" or "" => TicketFailure.None,
            _ => (TicketFailure)(-1),
        };
        return Enum.IsDefined(failure);
    }

    // GET /_emulator/files/{orderId}/{token}/{name}: the result file of a ticket that succeeded.
    private async Task<(int, string)> ServeFileAsync(HttpContext context, string path)
    {
        var parts = path["/_emulator/files/".Length..].Split('/');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var orderId)
            || _state.Find(orderId) is not { } ticket || ticket.FileToken != parts[1] || Workflows.TicketViews.FileName(ticket) != parts[2]
            || ticket.Current() != TicketStage.Succeeded)
        {
            return (404, "no such file");
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(Workflows.TicketViews.FileContent(ticket));
        context.Response.StatusCode = 200;
        context.Response.ContentType = parts[2].EndsWith(".csv", StringComparison.Ordinal) ? "text/csv; charset=utf-8" : "application/sql; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{parts[2]}\"";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        return (0, string.Empty);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
