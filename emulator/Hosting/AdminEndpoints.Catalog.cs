using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>Seeding the catalog over HTTP, for the command-line tool: the same calls as <see cref="Catalog"/>'s, with JSON bodies.</summary>
internal sealed partial class AdminEndpoints
{
    private const string CatalogPrefix = "/_emulator/catalog/";

    private const string CatalogUsage = "expected POST /_emulator/catalog/instances {\"alias\",\"host\",\"port\",\"dbType\",\"envType\",\"sid\"} (all optional), "
        + "/_emulator/catalog/databases {\"instanceId\": N, \"schemaName\": \"...\", \"encoding\"} or "
        + "/_emulator/catalog/tables {\"dbId\": N, \"tableName\": \"...\", \"columns\": [{\"name\": \"id\", \"type\": \"bigint\", \"nullable\": false}]}";

    // 200 {"InstanceId": 1002} (or DbId, TableId); 400 for a bad body or a reference to nothing; 409 when the catalog is full.
    private async Task<(int, string)> AddToCatalogAsync(HttpContext context, string kind)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (400, CatalogUsage);
            }

            var catalog = _state.Catalog;
            var (name, id) = kind switch
            {
                "instances" => ("InstanceId", catalog.AddInstance(
                    Text(root, "alias"), Text(root, "host") ?? "127.0.0.1", Number(root, "port") is { } port ? checked((int)port) : null,
                    Text(root, "dbType") ?? "mysql", Text(root, "envType") ?? "product", Text(root, "sid") ?? "def")),
                "databases" when Number(root, "instanceId") is { } instance && Text(root, "schemaName") is { } schema =>
                    ("DbId", catalog.AddDatabase(instance, schema, Text(root, "encoding") ?? "utf8mb4")),
                "tables" when Number(root, "dbId") is { } db && Text(root, "tableName") is { } table =>
                    ("TableId", catalog.AddTable(db, table, Columns(root))),
                _ => (string.Empty, 0L),
            };
            return name.Length == 0 ? (400, CatalogUsage) : (200, $"{{\"{name}\":{id.ToString(CultureInfo.InvariantCulture)}}}");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or OverflowException or FormatException)
        {
            return (400, e is JsonException ? CatalogUsage : e.Message);
        }
        catch (InvalidOperationException e)
        {
            return (409, e.Message);
        }
    }

    private static ColumnDefinition[] Columns(JsonElement root)
    {
        if (!root.TryGetProperty("columns", out var columns))
        {
            return Array.Empty<ColumnDefinition>();
        }

        if (columns.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("columns must be an array of {\"name\", \"type\", \"nullable\"}");
        }

        return columns.EnumerateArray().Select(c => c.ValueKind != JsonValueKind.Object || Text(c, "name") is not { } column
            ? throw new FormatException("each column needs a \"name\"")
            : new ColumnDefinition(column, Text(c, "type") ?? "varchar(64)", !c.TryGetProperty("nullable", out var n) || n.ValueKind != JsonValueKind.False)).ToArray();
    }

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
