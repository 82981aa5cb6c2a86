using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Dms.Codegen.Emulator.State;

/// <summary>
/// The instances, databases and tables DMS manages, which the list and get operations answer from and the
/// tickets refer to. It starts with the world's instance 1001, its database 2001 (<c>orders_db</c>) and table
/// 3001 (<c>orders</c>); a test adds more with <see cref="AddInstance"/>, <see cref="AddDatabase"/> and
/// <see cref="AddTable"/> (or over <c>POST /_emulator/catalog/...</c>). Ids are handed out in order from the
/// world's, so the first of each kind is the one every other answer refers to.
/// </summary>
public sealed class Catalog
{
    /// <summary>The most instances, databases and tables kept, each (bounded memory); adding more is refused.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>The most columns a table may have.</summary>
    public const int MaxColumns = 1_000;

    private readonly object _gate = new();
    private readonly List<CatalogInstance> _instances = new();
    private readonly List<CatalogDatabase> _databases = new();
    private readonly List<CatalogTable> _tables = new();

    // Names already taken (instance address, database per instance, table per database), so adding stays O(1).
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private long _lastColumnId = 4000;

    /// <summary>Creates the catalog with the world's instance, database and table.</summary>
    public Catalog()
    {
        var instance = AddInstance(World.InstanceAlias, World.Host, World.Port);
        var db = AddDatabase(instance, World.SchemaName);
        AddTable(db, World.TableName, new ColumnDefinition("order_id", "bigint", Nullable: false), new ColumnDefinition("customer"), new ColumnDefinition("amount", "decimal(10,2)"), new ColumnDefinition("created_at", "datetime"));
    }

    /// <summary>Every instance, in the order added.</summary>
    public IReadOnlyList<CatalogInstance> Instances => Snapshot(_instances);

    /// <summary>Every database, in the order added.</summary>
    public IReadOnlyList<CatalogDatabase> Databases => Snapshot(_databases);

    /// <summary>Every table, in the order added.</summary>
    public IReadOnlyList<CatalogTable> Tables => Snapshot(_tables);

    /// <summary>Adds an instance; returns its <c>InstanceId</c>.</summary>
    /// <param name="alias">Its alias (<c>InstanceAlias</c>); default <c>instance-{id}</c>.</param>
    /// <param name="host">Its host; default 127.0.0.1.</param>
    /// <param name="port">Its port; by default one no other instance on the host has, from 3306 up.</param>
    /// <param name="dbType">Its engine (<c>DbType</c>, <c>InstanceType</c>), e.g. <c>mysql</c>.</param>
    /// <param name="envType">Its environment (<c>EnvType</c>): <c>product</c>, <c>dev</c>, <c>test</c>...</param>
    /// <param name="sid">Its system id (<c>Sid</c>), <c>def</c> for MySQL.</param>
    /// <exception cref="ArgumentException">Another instance has the host, port and sid.</exception>
    /// <exception cref="InvalidOperationException">The catalog holds <see cref="MaxEntries"/> instances.</exception>
    public long AddInstance(string? alias = null, string host = "127.0.0.1", int? port = null, string dbType = "mysql", string envType = "product", string sid = "def")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(dbType);
        ArgumentException.ThrowIfNullOrWhiteSpace(envType);
        ArgumentNullException.ThrowIfNull(sid);
        if (port is { } given)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(given, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(given, 65535);
        }

        lock (_gate)
        {
            Room(_instances.Count, "instances");
            var id = World.InstanceId + _instances.Count;
            var chosen = port ?? Enumerable.Range(3306, 65535 - 3306).First(p => !_taken.Contains(Address(host, p, sid)));
            if (!_taken.Add(Address(host, chosen, sid)))
            {
                throw new ArgumentException($"An instance at {host}:{chosen} (sid {sid}) exists already.", nameof(port));
            }

            _instances.Add(new CatalogInstance(id, host, chosen, alias ?? "instance-" + id.ToString(CultureInfo.InvariantCulture), dbType, envType, sid));
            return id;
        }
    }

    /// <summary>Adds a database (schema) to the instance <paramref name="instanceId"/>; returns its <c>DbId</c>.</summary>
    /// <exception cref="ArgumentException">There is no such instance, or it has a database of that name.</exception>
    /// <exception cref="InvalidOperationException">The catalog holds <see cref="MaxEntries"/> databases.</exception>
    public long AddDatabase(long instanceId, string schemaName, string encoding = "utf8mb4")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaName);
        ArgumentException.ThrowIfNullOrWhiteSpace(encoding);
        lock (_gate)
        {
            Room(_databases.Count, "databases");
            var instance = Find(_instances, instanceId - World.InstanceId)
                ?? throw new ArgumentException($"There is no instance {instanceId}.", nameof(instanceId));
            if (!_taken.Add($"db {instanceId.ToString(CultureInfo.InvariantCulture)} {schemaName}"))
            {
                throw new ArgumentException($"The instance {instanceId} has a database {schemaName} already.", nameof(schemaName));
            }

            var id = World.DatabaseId + _databases.Count;
            _databases.Add(new CatalogDatabase(id, instanceId, schemaName, encoding, instance));
            return id;
        }
    }

    /// <summary>Adds a table to the database <paramref name="dbId"/>; returns its <c>TableId</c>.</summary>
    /// <param name="dbId">The database.</param>
    /// <param name="tableName">The table's name.</param>
    /// <param name="columns">Its columns; none gives one auto-increment <c>id bigint</c>.</param>
    /// <exception cref="ArgumentException">There is no such database, it has a table of that name, or a column is named twice.</exception>
    /// <exception cref="InvalidOperationException">The catalog holds <see cref="MaxEntries"/> tables.</exception>
    public long AddTable(long dbId, string tableName, params ColumnDefinition[] columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns.Length, MaxColumns, nameof(columns));
        if (columns.Any(c => c is null || string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Type))
            || columns.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Length)
        {
            throw new ArgumentException("Each column needs a name and a type, and names differ.", nameof(columns));
        }

        lock (_gate)
        {
            Room(_tables.Count, "tables");
            var database = Find(_databases, dbId - World.DatabaseId) ?? throw new ArgumentException($"There is no database {dbId}.", nameof(dbId));
            if (!_taken.Add($"table {dbId.ToString(CultureInfo.InvariantCulture)} {tableName}"))
            {
                throw new ArgumentException($"The database {dbId} has a table {tableName} already.", nameof(tableName));
            }

            var made = columns.Length == 0
                ? new[] { new CatalogColumn(++_lastColumnId, "id", "bigint", false, true, 1) }
                : columns.Select((c, i) => new CatalogColumn(++_lastColumnId, c.Name, c.Type, c.Nullable, false, i + 1)).ToArray();
            var id = World.TableId + _tables.Count;
            _tables.Add(new CatalogTable(id, tableName, database, made));
            return id;
        }
    }

    /// <summary>The instance <paramref name="instanceId"/>, or null.</summary>
    public CatalogInstance? Instance(long instanceId) => Find(_instances, instanceId - World.InstanceId);

    /// <summary>The database <paramref name="dbId"/>, or null.</summary>
    public CatalogDatabase? Database(long dbId) => Find(_databases, dbId - World.DatabaseId);

    /// <summary>The table <paramref name="tableId"/>, or null.</summary>
    public CatalogTable? Table(long tableId) => Find(_tables, tableId - World.TableId);

    /// <summary>The database every ticket that names none refers to: the world's (2001).</summary>
    public CatalogDatabase DefaultDatabase => Database(World.DatabaseId)!;

    private static string Address(string host, int port, string sid) => $"instance {host}:{port.ToString(CultureInfo.InvariantCulture)} {sid}";

    private static void Room(int count, string what)
    {
        if (count >= MaxEntries)
        {
            throw new InvalidOperationException($"The catalog holds {MaxEntries} {what}, the most it keeps.");
        }
    }

    // Ids are handed out in order from the first, and nothing is removed: an id is its place in the list.
    private T? Find<T>(List<T> list, long index)
        where T : class
    {
        lock (_gate)
        {
            return index >= 0 && index < list.Count ? list[(int)index] : null;
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToArray();
        }
    }
}
