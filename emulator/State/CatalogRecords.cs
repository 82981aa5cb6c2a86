using System.Collections.Generic;
using System.Globalization;

namespace Dms.Codegen.Emulator.State;

/// <summary>A database instance DMS manages (<c>InstanceId</c>), reached at <see cref="Host"/>:<see cref="Port"/>.</summary>
public sealed record CatalogInstance(long InstanceId, string Host, int Port, string Alias, string DbType, string EnvType, string Sid);

/// <summary>A database (schema) of an instance (<c>DbId</c>, also <c>DatabaseId</c>).</summary>
public sealed record CatalogDatabase(long DbId, long InstanceId, string SchemaName, string Encoding, CatalogInstance Instance)
{
    /// <summary>How DMS names the database in a search: <c>schema@host:port</c>.</summary>
    public string SearchName => $"{SchemaName}@{Instance.Host}:{Instance.Port.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A column to create with <see cref="Catalog.AddTable"/>: its name and SQL type.</summary>
public sealed record ColumnDefinition(string Name, string Type = "varchar(64)", bool Nullable = true);

/// <summary>A column of a table (<c>ColumnId</c>), numbered from 1 in <see cref="Position"/>.</summary>
public sealed record CatalogColumn(long ColumnId, string ColumnName, string ColumnType, bool Nullable, bool AutoIncrement, int Position);

/// <summary>A table of a database (<c>TableId</c>, and its <c>TableGuid</c>).</summary>
public sealed record CatalogTable(long TableId, string TableName, CatalogDatabase Database, IReadOnlyList<CatalogColumn> Columns)
{
    /// <summary>DMS's global name of the table: <c>IDB_{DbId}.{schema}.{table}</c>.</summary>
    public string TableGuid => $"IDB_{Database.DbId.ToString(CultureInfo.InvariantCulture)}.{Database.SchemaName}.{TableName}";
}
