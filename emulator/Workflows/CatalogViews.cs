using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;

namespace Dms.Codegen.Emulator.Workflows;

/// <summary>A thing of the catalog as answers see it: its values by every wire name DMS gives it, and its own name (what a search matches).</summary>
internal sealed record CatalogItem(Overlay Values, string Name);

/// <summary>
/// The wire vocabulary of the catalog's things, in one place: every member name under which DMS answers report an
/// instance, a database, a table or a column (<c>DbId</c> and <c>DatabaseId</c>, <c>SchemaName</c> and
/// <c>DbName</c>...). An answer's shape takes the members it documents and ignores the rest, so each operation
/// reports the same thing under its own names without a line written for it.
/// </summary>
internal static class CatalogViews
{
    public static CatalogItem Instance(CatalogInstance i) => new(
        new Overlay
        {
            ["InstanceId"] = i.InstanceId,
            ["Host"] = i.Host,
            ["Port"] = i.Port,
            ["InstanceAlias"] = i.Alias,
            ["InstanceType"] = i.DbType,
            ["DbType"] = i.DbType,
            ["EnvType"] = i.EnvType,
            ["Sid"] = i.Sid,
            ["State"] = "NORMAL",
        },
        i.Alias);

    public static CatalogItem Database(CatalogDatabase d)
    {
        var values = Reference(d);
        values["Encoding"] = d.Encoding;
        values["Host"] = d.Instance.Host;
        values["Port"] = d.Instance.Port;
        values["Sid"] = d.Instance.Sid;
        values["InstanceAlias"] = d.Instance.Alias;
        values["Alias"] = d.Instance.Alias;
        values["CatalogName"] = "def";
        values["State"] = "NORMAL";
        values["Logic"] = false;
        return new CatalogItem(values, d.SchemaName);
    }

    /// <summary>
    /// How a ticket reports the database it was created for (its detail answers echo these): ids, names and the
    /// search name, but not what describes the database's own state.
    /// </summary>
    public static Overlay Reference(CatalogDatabase d) => new()
    {
        ["DbId"] = d.DbId,
        ["DatabaseId"] = d.DbId,
        ["InstanceId"] = d.InstanceId,
        ["SchemaName"] = d.SchemaName,
        ["DbName"] = d.SchemaName,
        ["DatabaseName"] = d.SchemaName,
        ["SearchName"] = d.SearchName,
        ["DatabaseSearchName"] = d.SearchName,
        ["Database"] = d.SearchName,
        ["DbType"] = d.Instance.DbType,
        ["EnvType"] = d.Instance.EnvType,
    };

    public static CatalogItem Table(CatalogTable t) => new(
        new Overlay
        {
            ["TableId"] = t.TableId,
            ["TableName"] = t.TableName,
            ["TableGuid"] = t.TableGuid,
            ["DatabaseId"] = t.Database.DbId,
            ["DbId"] = t.Database.DbId,
            ["TableSchemaName"] = t.Database.SchemaName,
            ["Encoding"] = t.Database.Encoding,
            ["Engine"] = "InnoDB",
            ["TableType"] = "NORMAL",
        },
        t.TableName);

    public static CatalogItem Column(CatalogTable table, CatalogColumn c) => new(
        new Overlay
        {
            ["ColumnId"] = c.ColumnId,
            ["ColumnName"] = c.ColumnName,
            ["ColumnType"] = c.ColumnType,
            ["Nullable"] = c.Nullable,
            ["AutoIncrement"] = c.AutoIncrement,
            ["Position"] = c.Position,
            ["TableId"] = table.TableId,
        },
        c.ColumnName);

    /// <summary>The table with its database and instance around it, as <c>GetTableDBTopology</c> reports where a table lives.</summary>
    public static Overlay Topology(CatalogTable t)
    {
        var database = Database(t.Database).Values;
        database["TableList"] = new[] { Table(t).Values };
        var source = Instance(t.Database.Instance).Values;
        source["DatabaseList"] = new[] { database };
        return new Overlay { ["TableGuid"] = t.TableGuid, ["TableName"] = t.TableName, ["DataSourceList"] = new[] { source } };
    }

    /// <summary>The ticket's database as name/value pairs, to echo before the ticket's own parameters.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Echo(CatalogDatabase d) =>
        Reference(d).Select(p => new KeyValuePair<string, string>(p.Key, System.Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!));
}
