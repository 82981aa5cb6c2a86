using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;

namespace Dms.Codegen.Emulator.Workflows;

/// <summary>
/// The list and get operations over the <see cref="Catalog"/>. One rule serves them all: an id in the request
/// (<c>InstanceId</c>, <c>DbId</c>/<c>DatabaseId</c>, <c>TableId</c>, <c>TableGuid</c>) must name a thing of the
/// catalog (else <c>InvalidInstanceId</c>, <c>InvalidDbId</c>, ...); every other request parameter named like a
/// member of the things listed (<c>DbType</c>, <c>EnvType</c>, <c>Host</c>, <c>Port</c>, <c>SchemaName</c>...)
/// filters them; <c>SearchKey</c>/<c>SearchName</c> matches part of their names. A list goes to its spec's items
/// path and is paged like every list; a get answers the one thing that matches (else <c>...NotExist</c>).
/// </summary>
internal sealed class CatalogWorkflows
{
    /// <summary>The request ids that must name a thing of the catalog, and the error when they do not.</summary>
    private static readonly (string Parameter, string Code, string What)[] References =
    {
        ("InstanceId", "InvalidInstanceId", "instance"),
        ("DbId", "InvalidDbId", "database"),
        ("DatabaseId", "InvalidDbId", "database"),
        ("TableId", "InvalidTableId", "table"),
        ("TableGuid", "InvalidTableGuid", "table"),
    };

    // Parameters that search rather than filter by equality.
    private static readonly string[] Searches = { "SearchKey", "SearchName" };

    private readonly Catalog _catalog;
    private readonly ShapeCatalog _shapes;
    private readonly Dictionary<string, Func<WorkflowCall, WorkflowResult>> _handlers;

    public CatalogWorkflows(Catalog catalog, ShapeCatalog shapes)
    {
        _catalog = catalog;
        _shapes = shapes;

        // The path is where the spec puts the list (its pagination block's items, when it has one) or the thing.
        _handlers = new(StringComparer.Ordinal)
        {
            ["ListInstances"] = c => List(c, "ListInstances", "InstanceList.Instance", () => _catalog.Instances.Select(CatalogViews.Instance)),
            ["ListDatabases"] = c => List(c, "ListDatabases", "DatabaseList.Database", Databases),
            ["SearchDatabase"] = c => List(c, "SearchDatabase", "SearchDatabaseList.SearchDatabase", Databases),
            ["ListTables"] = c => List(c, "ListTables", "TableList.Table", () => _catalog.Tables.Select(CatalogViews.Table)),
            ["ListColumns"] = c => List(c, "ListColumns", "ColumnList.Column", () => Columns(c)),
            ["GetInstance"] = c => Get(c, "Instance", "InstanceNotExist", "instance", () => _catalog.Instances.Select(CatalogViews.Instance)),
            ["GetDatabase"] = c => Get(c, "Database", "DatabaseNotExist", "database", Databases),
            ["GetTableDBTopology"] = c => OfTable(c, t => new Overlay { ["DBTopology"] = CatalogViews.Topology(t) }),
            ["GetMetaTableDetailInfo"] = c => OfTable(c, t => new Overlay
            {
                ["DetailInfo"] = new Overlay { ["ColumnList"] = t.Columns.Select(col => CatalogViews.Column(t, col).Values).ToList() },
            }),
        };
    }

    /// <summary>The catalog's answer for <paramref name="action"/>, or null when it is not a catalog operation.</summary>
    public WorkflowResult? Handle(string action, WorkflowCall call) => _handlers.TryGetValue(action, out var handler) ? handler(call) : null;

    /// <summary>The database a ticket names in its parameters (<c>DbId</c>, with its <c>InstanceId</c> when given), or the error.</summary>
    public (CatalogDatabase? Database, AlibabaError? Error) TicketDatabase(WorkflowCall call)
    {
        if (CheckReferences(call) is { } error)
        {
            return (null, error.Error);
        }

        var database = Id(call.Text("DbId")) is { } dbId ? _catalog.Database(dbId)! : _catalog.DefaultDatabase;
        if (Id(call.Text("InstanceId")) is { } instanceId && instanceId != database.InstanceId)
        {
            return (null, AlibabaError.Dms("InvalidDbId", $"The database {database.DbId} is not in the instance {instanceId} (it is in {database.InstanceId})."));
        }

        return (database, null);
    }

    private IEnumerable<CatalogItem> Databases() => _catalog.Databases.Select(CatalogViews.Database);

    private IEnumerable<CatalogItem> Columns(WorkflowCall call) =>
        Id(call.Text("TableId")) is { } id && _catalog.Table(id) is { } table ? table.Columns.Select(c => CatalogViews.Column(table, c)) : Enumerable.Empty<CatalogItem>();

    private WorkflowResult List(WorkflowCall call, string action, string path, Func<IEnumerable<CatalogItem>> items)
    {
        if (CheckReferences(call) is { } error)
        {
            return error;
        }

        var matching = items().Where(i => Matches(i, call)).Select(i => i.Values).ToList();
        var overlay = new Overlay();
        ListPager.Set(overlay, _shapes.Paging(action)?.Items ?? path, matching);
        return new WorkflowResult(overlay);
    }

    private WorkflowResult Get(WorkflowCall call, string member, string code, string what, Func<IEnumerable<CatalogItem>> items)
    {
        var found = items().FirstOrDefault(i => Matches(i, call));
        if (found is null)
        {
            var asked = string.Join(", ", call.Parameters.Where(p => items().Any(i => i.Values.ContainsKey(p.Key))).Select(p => $"{p.Key} {p.Value}"));
            return WorkflowResult.Fail(code, $"There is no {what} with {asked}.");
        }

        return new WorkflowResult(new Overlay { [member] = found.Values });
    }

    private WorkflowResult OfTable(WorkflowCall call, Func<CatalogTable, Overlay> view)
    {
        if (CheckReferences(call) is { } error)
        {
            return error;
        }

        var guid = call.Text("TableGuid");
        var table = _catalog.Tables.FirstOrDefault(t => t.TableGuid == guid);
        return table is null ? WorkflowResult.Fail("InvalidTableGuid", $"There is no table with the TableGuid {guid}.") : new WorkflowResult(view(table));
    }

    /// <summary>An error when an id in the request names nothing in the catalog.</summary>
    private WorkflowResult? CheckReferences(WorkflowCall call)
    {
        foreach (var (parameter, code, what) in References)
        {
            var text = call.Text(parameter);
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var known = parameter switch
            {
                "InstanceId" => Id(text) is { } i && _catalog.Instance(i) is not null,
                "TableId" => Id(text) is { } t && _catalog.Table(t) is not null,
                "TableGuid" => _catalog.Tables.Any(t => t.TableGuid == text),
                _ => Id(text) is { } d && _catalog.Database(d) is not null,
            };
            if (!known)
            {
                return WorkflowResult.Fail(code, $"There is no {what} with the {parameter} {text}.");
            }
        }

        return null;
    }

    private static bool Matches(CatalogItem item, WorkflowCall call)
    {
        foreach (var (name, value) in call.Parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (Searches.Contains(name) && !item.Values.ContainsKey(name))
            {
                if (!item.Name.Contains(value, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
            else if (item.Values.TryGetValue(name, out var own)
                && !string.Equals(Convert.ToString(own, CultureInfo.InvariantCulture), value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static long? Id(string? text) =>
        ParameterValidator.TryInt64(text, out var id) ? id : null;
}
