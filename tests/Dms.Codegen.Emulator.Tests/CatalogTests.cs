using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.EndToEnd;
using Xunit;

namespace Dms.Codegen.Emulator.Tests;

/// <summary>
/// The catalog (instances, databases, tables) is real state: what a test seeds is what the list and get operations
/// answer, paged with a consistent total; unknown ids are DMS errors; tickets are created against its databases
/// and report them in their details.
/// </summary>
public sealed class CatalogTests
{
    [Fact]
    public async Task Seeded_instances_databases_tables_and_columns_are_what_the_lists_return_across_pages()
    {
        await using var emulator = await Emulators.StartAsync();
        var catalog = emulator.State.Catalog;
        var instances = Enumerable.Range(1, 11).Select(i => catalog.AddInstance("mysql-" + i, "10.0.0." + i, 3306)).ToList();
        var target = instances[4];
        var databases = Enumerable.Range(1, 23).Select(i => catalog.AddDatabase(target, "sales_" + i)).ToList();
        var tables = Enumerable.Range(1, 7).Select(i => catalog.AddTable(databases[2], "t" + i)).ToList();
        var withColumns = catalog.AddTable(databases[2], "customers", new ColumnDefinition("id", "bigint", Nullable: false), new ColumnDefinition("email"));
        var client = Emulators.Client(emulator);

        var instancePages = await PagingTests.All(client.ListInstancesPagesAsync(new() { PageSize = 5 }));
        Assert.Equal(new[] { 5, 5, 2 }, instancePages.Select(p => p.InstanceList!.Instance!.Count));
        Assert.All(instancePages, p => Assert.Equal(12, p.TotalCount));
        var listed = instancePages.SelectMany(p => p.InstanceList!.Instance!).ToList();
        Assert.Equal(new[] { World.InstanceId }.Concat(instances), listed.Select(i => long.Parse(i.InstanceId!, CultureInfo.InvariantCulture)));
        Assert.Equal("10.0.0.5", listed.Single(i => i.InstanceId == Text(target)).Host);

        var databasePages = await PagingTests.All(client.ListDatabasesPagesAsync(new() { InstanceId = Text(target), PageSize = 10 }));
        Assert.Equal(new[] { 10, 10, 3 }, databasePages.Select(p => p.DatabaseList!.Database!.Count));
        Assert.All(databasePages, p => Assert.Equal(23, p.TotalCount));
        var dbs = databasePages.SelectMany(p => p.DatabaseList!.Database!).ToList();
        Assert.Equal(databases.Select(Text), dbs.Select(d => d.DatabaseId));
        Assert.Equal(Enumerable.Range(1, 23).Select(i => "sales_" + i), dbs.Select(d => d.SchemaName));
        Assert.All(dbs, d => Assert.Equal(Text(target), d.InstanceId));
        Assert.Equal("sales_3@10.0.0.5:3306", dbs[2].SearchName);

        // The world's instance still holds only its own database.
        var world = await client.ListDatabasesAsync(new() { InstanceId = Text(World.InstanceId) });
        Assert.Equal(1, world.TotalCount);
        Assert.Equal(World.SchemaName, world.DatabaseList!.Database!.Single().SchemaName);

        var tablePages = await PagingTests.All(client.ListTablesPagesAsync(new() { DatabaseId = Text(databases[2]), PageSize = 3 }));
        Assert.Equal(new[] { 3, 3, 2 }, tablePages.Select(p => p.TableList!.Table!.Count));
        Assert.All(tablePages, p => Assert.Equal(8, p.TotalCount));
        Assert.Equal(tables.Append(withColumns).Select(Text), tablePages.SelectMany(p => p.TableList!.Table!).Select(t => t.TableId));
        var searched = await client.ListTablesAsync(new() { DatabaseId = Text(databases[2]), SearchName = "CUSTOM" });
        Assert.Equal("customers", searched.TableList!.Table!.Single().TableName);

        var columns = await client.ListColumnsAsync(new() { TableId = Text(withColumns) });
        Assert.Equal(new[] { "id", "email" }, columns.ColumnList!.Column!.Select(c => c.ColumnName));
        Assert.Equal(new bool?[] { false, true }, columns.ColumnList.Column!.Select(c => c.Nullable));
    }

    [Fact]
    public async Task Get_operations_answer_the_listed_thing_and_unknown_ids_are_errors()
    {
        await using var emulator = await Emulators.StartAsync();
        var instance = emulator.State.Catalog.AddInstance("pg", "10.1.1.1", 5432, dbType: "postgresql", envType: "dev");
        var db = emulator.State.Catalog.AddDatabase(instance, "billing");
        var table = emulator.State.Catalog.AddTable(db, "invoices");
        var client = Emulators.Client(emulator);

        var listed = (await client.ListDatabasesAsync(new() { InstanceId = Text(instance) })).DatabaseList!.Database!.Single();
        var got = (await client.GetDatabaseAsync(new() { Host = listed.Host!, Port = listed.Port!.Value, SchemaName = listed.SchemaName! })).Database!;
        Assert.Equal(Text(db), got.DatabaseId);
        Assert.Equal("billing@10.1.1.1:5432", got.SearchName);
        Assert.Equal("postgresql", got.DbType);
        var gotInstance = (await client.GetInstanceAsync(new() { Host = "10.1.1.1", Port = 5432 })).Instance!;
        Assert.Equal(Text(instance), gotInstance.InstanceId);
        Assert.Equal("pg", gotInstance.InstanceAlias);
        var topology = (await client.GetTableDBTopologyAsync(new() { TableGuid = emulator.State.Catalog.Table(table)!.TableGuid })).DBTopology!;
        Assert.Equal("invoices", topology.TableName);
        Assert.Equal(Text(db), topology.DataSourceList!.Single().DatabaseList!.Single().DbId);

        Assert.Equal("InvalidInstanceId", (await Assert.ThrowsAsync<DmsException>(() => client.ListDatabasesAsync(new() { InstanceId = "999" }))).Code);
        Assert.Equal("InvalidDbId", (await Assert.ThrowsAsync<DmsException>(() => client.ListTablesAsync(new() { DatabaseId = "1999" }))).Code);
        Assert.Equal("InvalidTableId", (await Assert.ThrowsAsync<DmsException>(() => client.ListColumnsAsync(new() { TableId = "12**" }))).Code);
        Assert.Equal("InvalidTableGuid", (await Assert.ThrowsAsync<DmsException>(() => client.GetTableDBTopologyAsync(new() { TableGuid = "IDB_1.x.y" }))).Code);
        Assert.Equal("DatabaseNotExist", (await Assert.ThrowsAsync<DmsException>(() => client.GetDatabaseAsync(new() { Host = "10.1.1.1", Port = 5432, SchemaName = "nope" }))).Code);
        Assert.Equal("InstanceNotExist", (await Assert.ThrowsAsync<DmsException>(() => client.GetInstanceAsync(new() { Host = "10.1.1.1", Port = 3306 }))).Code);
    }

    [Fact]
    public async Task A_ticket_created_against_a_seeded_database_reports_that_database()
    {
        await using var emulator = await Emulators.StartAsync();
        var instance = emulator.State.Catalog.AddInstance("reporting", "10.2.0.1", 3307, envType: "test");
        var db = emulator.State.Catalog.AddDatabase(instance, "reports");
        emulator.State.Catalog.AddTable(db, "daily");
        var client = Emulators.Client(emulator);

        var export = await client.CreateDataExportOrderAsync(new()
        {
            Comment = "export",
            PluginParam = new() { DbId = db, InstanceId = instance, ExeSQL = "SELECT 1", AffectRows = 1, Classify = "t", IgnoreAffectRows = false, Logic = false },
        });
        var exportId = export.CreateOrderResult!.CreateOrderResult!.Single();
        var detail = (await client.GetDataExportOrderDetailAsync(new() { OrderId = exportId })).DataExportOrderDetail!.OrderDetail!;
        Assert.Equal(db, (long?)detail.DbId);
        Assert.Equal("reports@10.2.0.1:3307", detail.Database);
        Assert.Equal("test", detail.EnvType);
        Assert.Equal(db, emulator.State.Ticket(exportId)!.DbId);

        var track = await client.CreateDataTrackOrderAsync(new()
        {
            Comment = "track",
            Param = new() { DbId = Text(db), JobStartTime = "2026-12-01 00:00:00", JobEndTime = "2026-12-01 01:00:00", TableNames = new[] { "daily" }, TrackTypes = new[] { "UPDATE" } },
        });
        var trackDetail = (await client.GetDataTrackOrderDetailAsync(new() { OrderId = track.CreateOrderResult!.Single() })).DataTrackOrderDetail!;
        Assert.Equal(db, trackDetail.DbId);
        Assert.Equal("reports", trackDetail.SchemaName);
        Assert.Equal("reports@10.2.0.1:3307", trackDetail.DatabaseSearchName);

        var dump = (await client.CreateDatabaseExportOrderAsync(new()
        {
            Comment = "dump",
            PluginParam = new()
            {
                DbId = db, InstanceId = instance, Classify = "t", Logic = false, SearchName = "reports@10.2.0.1:3307",
                Config = new() { DataOption = new[] { "CSV" }, ExportContent = new CreateDatabaseExportOrderExportContent("DATA"), SQLExtOption = Array.Empty<string>(), TargetOption = new CreateDatabaseExportOrderTargetOption("SQL") },
            },
        })).CreateOrderResult!.CreateOrderResult!.Single();
        var dumpDetail = (await client.GetDatabaseExportOrderDetailAsync(new() { OrderId = dump })).DatabaseExportOrderDetail!;
        Assert.Equal(db, dumpDetail.KeyInfo!.DbId);
        Assert.Equal("reports", dumpDetail.KeyInfo.Config!.DbName);
        Assert.Equal("reports@10.2.0.1:3307", dumpDetail.SearchName);
    }

    [Fact]
    public async Task Creating_a_ticket_with_a_database_the_catalog_lacks_is_an_error_and_creates_nothing()
    {
        await using var emulator = await Emulators.StartAsync();
        var other = emulator.State.Catalog.AddInstance("other", "10.3.0.1", 3306);
        var client = Emulators.Client(emulator);
        var before = emulator.State.TicketCount;

        var unknown = await Assert.ThrowsAsync<DmsException>(() => client.CreateDataExportOrderAsync(new()
        {
            Comment = "x",
            PluginParam = new() { DbId = 9999, InstanceId = World.InstanceId, ExeSQL = "SELECT 1", AffectRows = 1, Classify = "t", IgnoreAffectRows = false, Logic = false },
        }));
        var elsewhere = await Assert.ThrowsAsync<DmsException>(() => client.CreateDataExportOrderAsync(new()
        {
            Comment = "x",
            PluginParam = new() { DbId = World.DatabaseId, InstanceId = other, ExeSQL = "SELECT 1", AffectRows = 1, Classify = "t", IgnoreAffectRows = false, Logic = false },
        }));
        var track = await Assert.ThrowsAsync<DmsException>(() => client.CreateDataTrackOrderAsync(new()
        {
            Comment = "x",
            Param = new() { DbId = "9999", JobStartTime = "2026-12-01 00:00:00", JobEndTime = "2026-12-01 01:00:00", TableNames = new[] { "orders" }, TrackTypes = new[] { "UPDATE" } },
        }));

        Assert.Equal("InvalidDbId", unknown.Code);
        Assert.Contains("9999", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidDbId", elsewhere.Code);
        Assert.Equal("InvalidDbId", track.Code);
        Assert.Equal(before, emulator.State.TicketCount);
    }

    [Fact]
    public async Task The_admin_endpoint_seeds_the_catalog_for_the_command_line_tool()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient();
        async Task<(HttpStatusCode Status, string Body)> Post(string kind, string json)
        {
            using var response = await http.PostAsync(new Uri(emulator.Endpoint, "/_emulator/catalog/" + kind), new StringContent(json, Encoding.UTF8, "application/json"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        static long Id(string body, string name) => JsonDocument.Parse(body).RootElement.GetProperty(name).GetInt64();

        var instance = await Post("instances", """{"alias":"cli","host":"10.9.0.1","port":3306}""");
        Assert.Equal(HttpStatusCode.OK, instance.Status);
        var db = await Post("databases", $$"""{"instanceId":{{Id(instance.Body, "InstanceId")}},"schemaName":"cli_db"}""");
        Assert.Equal(HttpStatusCode.OK, db.Status);
        var table = await Post("tables", $$"""{"dbId":{{Id(db.Body, "DbId")}},"tableName":"events","columns":[{"name":"id","type":"bigint","nullable":false},{"name":"payload"}]}""");
        Assert.Equal(HttpStatusCode.OK, table.Status);

        var client = Emulators.Client(emulator);
        var listed = (await client.ListTablesAsync(new() { DatabaseId = Text(Id(db.Body, "DbId")) })).TableList!.Table!.Single();
        Assert.Equal(Text(Id(table.Body, "TableId")), listed.TableId);
        Assert.Equal(new[] { "id", "payload" }, (await client.ListColumnsAsync(new() { TableId = listed.TableId! })).ColumnList!.Column!.Select(c => c.ColumnName));

        Assert.Equal(HttpStatusCode.BadRequest, (await Post("databases", """{"instanceId":5,"schemaName":"x"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("databases", """{"schemaName":"x"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("instances", """{"host":"10.9.0.1","port":3306}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("tables", "not json")).Status);
    }

    [Fact]
    public void The_catalog_is_bounded_and_refuses_duplicates()
    {
        var catalog = new Catalog();
        for (var i = 1; i < Catalog.MaxEntries; i++)
        {
            catalog.AddInstance(port: 10_000 + i);
        }

        Assert.Equal(Catalog.MaxEntries, catalog.Instances.Count);
        Assert.Throws<InvalidOperationException>(() => catalog.AddInstance(port: 9000));
        Assert.Throws<ArgumentException>(() => catalog.AddDatabase(World.InstanceId, World.SchemaName.ToUpperInvariant()));
        Assert.Throws<ArgumentException>(() => catalog.AddTable(World.DatabaseId, World.TableName));
        Assert.Throws<ArgumentException>(() => catalog.AddTable(World.DatabaseId, "t", new ColumnDefinition("a"), new ColumnDefinition("A")));
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
