using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.Http;
using Dms.Codegen.Json;
using Xunit;
using Xunit.Abstractions;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>
/// Every operation, called with a request built from its spec's examples: the answer carries every member the
/// spec documents, each of its declared type, and deserializes into the generated response type.
/// </summary>
public class AllOperationsTests
{
    private static readonly MethodInfo Deserialize = typeof(DmsJson).GetMethods()
        .Single(m => m.Name == nameof(DmsJson.Deserialize) && m.GetParameters()[0].ParameterType == typeof(string));

    private readonly ITestOutputHelper _output;

    public AllOperationsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task EveryOperationAnswersWithEveryDocumentedMemberOfItsType()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        var catalog = BuiltInShapes.Catalog;

        // Operations on tickets answer for tickets that exist: one finished ticket of each kind, tried in turn.
        var tickets = Enum.GetValues<TicketKind>().Select(kind => emulator.State.SeedTicket(kind, stage: TicketStage.Succeeded)).ToArray();
        var downloadKey = (await RawAnswer.SendAsync(http, new RawRequest("DownloadDataTrackResult").WithForm("OrderId", tickets[(int)TicketKind.DataTrack].ToString(CultureInfo.InvariantCulture)).WithForm("RollbackSQLType", "REVERSE").V3(emulator.Endpoint))).Json.GetProperty("DownloadKeyId").GetString()!;
        var problems = new List<string>();
        var complete = 0;
        foreach (var operation in DmsEmulator.Operations)
        {
            RawAnswer? answer = null;
            foreach (var ticket in tickets)
            {
                var state = new Dictionary<string, string>
                {
                    ["OrderId"] = ticket.ToString(CultureInfo.InvariantCulture),
                    ["WorkflowInstanceId"] = emulator.State.Ticket(ticket)!.WorkflowInstanceId.ToString(CultureInfo.InvariantCulture),
                    ["DownloadKeyId"] = downloadKey,

                    // Operations on the catalog answer for what it has: the world's instance, database and table.
                    ["InstanceId"] = World.InstanceId.ToString(CultureInfo.InvariantCulture),
                    ["DbId"] = World.DatabaseId.ToString(CultureInfo.InvariantCulture),
                    ["DatabaseId"] = World.DatabaseId.ToString(CultureInfo.InvariantCulture),
                    ["TableId"] = World.TableId.ToString(CultureInfo.InvariantCulture),
                    ["TableGuid"] = emulator.State.Catalog.Table(World.TableId)!.TableGuid,
                    ["Host"] = World.Host,
                    ["Port"] = World.Port.ToString(CultureInfo.InvariantCulture),
                    ["SchemaName"] = World.SchemaName,
                };
                var request = new RawRequest(operation.Action);
                foreach (var parameter in catalog.Parameters(operation.Action).Where(p => p.Required))
                {
                    var descriptor = operation.Parameters.Single(d => d.Name == parameter.Name);
                    var name = descriptor.Style is DmsParameterStyle.Flat or DmsParameterStyle.RepeatList ? parameter.Name + ".1" : parameter.Name;
                    request.WithForm(name, state.GetValueOrDefault(parameter.Name) ?? ExampleValue(catalog, parameter.Type, descriptor.Style));
                }

                answer = EventData(await RawAnswer.SendAsync(http, request.V3(emulator.Endpoint)));
                if (answer.Status != HttpStatusCode.OK || !answer.Json.TryGetProperty("Success", out var success) || success.ValueKind != JsonValueKind.False)
                {
                    break;
                }
            }

            var before = problems.Count;
            if (answer!.Status != HttpStatusCode.OK)
            {
                problems.Add($"{operation.Action}: HTTP {(int)answer.Status} {answer.Body}");
                continue;
            }

            var response = catalog.Response(operation.Action)!;
            using var document = JsonDocument.Parse(answer.Body);
            CheckObject(catalog, document.RootElement, response, operation.Action, problems);
            CheckTyped(operation.Action, answer.Body, problems);
            complete += problems.Count == before ? 1 : 0;
        }

        _output.WriteLine($"{complete} of {DmsEmulator.Operations.Count} operations answered completely");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
        Assert.Equal(325, complete);
    }

    /// <summary>A stream's answer as its first event's data (the response JSON; StreamTests reads every event).</summary>
    private static RawAnswer EventData(RawAnswer answer)
    {
        if (answer.Response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return answer;
        }

        var data = answer.Body.Split('\n').First(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        return answer with { Body = data };
    }

    /// <summary>The spec's example when it is a value of the type, else a plain value of the type.</summary>
    private static string ExampleValue(ShapeCatalog catalog, TypeShape type, DmsParameterStyle style)
    {
        if (style == DmsParameterStyle.Json)
        {
            return type.Example is { } json && IsJson(json) ? json : type.Kind == DmsValueKind.Array ? "[]" : "{}";
        }

        var enumShape = type.Kind != DmsValueKind.Object && type.Name is { } enumName ? catalog.Enum(enumName) : null;
        var example = type.Example;
        return type.Kind switch
        {
            _ when enumShape is not null => example is not null && enumShape.Values.Contains(example) ? example : enumShape.Values[0],
            DmsValueKind.Int32 => int.TryParse(example, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? example! : "1",
            DmsValueKind.Int64 => long.TryParse(example, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? example! : "1",
            DmsValueKind.Double => double.TryParse(example, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? example! : "1.5",
            DmsValueKind.Boolean => bool.TryParse(example, out _) ? example! : "true",
            _ => example ?? "emulator",
        };
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void CheckObject(ShapeCatalog catalog, JsonElement element, ObjectShape shape, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: expected an object, got {element.ValueKind}");
            return;
        }

        foreach (var (name, type) in shape.Members)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                problems.Add($"{path}.{name}: missing");
                continue;
            }

            CheckValue(catalog, value, type, path + "." + name, problems);
        }
    }

    private static void CheckValue(ShapeCatalog catalog, JsonElement value, TypeShape type, string path, List<string> problems)
    {
        var enumShape = type.Kind != DmsValueKind.Object && type.Name is { } enumName ? catalog.Enum(enumName) : null;
        var objectShape = type.Kind == DmsValueKind.Object ? catalog.Object(type.Name!) : null;
        var ok = type.Kind switch
        {
            _ when enumShape is not null => enumShape.Values.Contains(enumShape.Numeric ? value.GetRawText() : value.ValueKind == JsonValueKind.String ? value.GetString()! : "\0"),
            DmsValueKind.String => value.ValueKind == JsonValueKind.String,
            DmsValueKind.Int32 => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            DmsValueKind.Int64 => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            DmsValueKind.Double => value.ValueKind == JsonValueKind.Number,
            DmsValueKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            DmsValueKind.Any => value.ValueKind != JsonValueKind.Null,
            DmsValueKind.Array => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0,
            DmsValueKind.Map => value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any(),
            _ => objectShape is not null,
        };
        if (!ok)
        {
            problems.Add($"{path}: {value.GetRawText()} is not a {type.Kind} {type.Name}");
            return;
        }

        if (objectShape is not null)
        {
            CheckObject(catalog, value, objectShape, path, problems);
        }
        else if (type.Kind == DmsValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                CheckValue(catalog, item, type.Items!, path + "[]", problems);
            }
        }
        else if (type.Kind == DmsValueKind.Map)
        {
            foreach (var entry in value.EnumerateObject())
            {
                CheckValue(catalog, entry.Value, type.Items!, path + "{}", problems);
            }
        }
    }

    /// <summary>The generated response type reads the body with nothing left over in <c>AdditionalProperties</c>.</summary>
    private static void CheckTyped(string action, string body, List<string> problems)
    {
        var type = typeof(DmsEmulator).Assembly.GetType($"Dms.Codegen.Emulator.Api.{action}Response");
        if (type is null)
        {
            problems.Add($"{action}: no generated response type");
            return;
        }

        try
        {
            var typed = Deserialize.MakeGenericMethod(type).Invoke(null, new object[] { body })!;
            if (type.GetProperty("AdditionalProperties")?.GetValue(typed) is IReadOnlyDictionary<string, JsonElement> { Count: > 0 } extra)
            {
                problems.Add($"{action}: members the type does not know: {string.Join(", ", extra.Keys)}");
            }
        }
        catch (TargetInvocationException exception)
        {
            problems.Add($"{action}: {type.Name} cannot read the body: {exception.InnerException?.Message}");
        }
    }
}
