using System;
using System.Collections.Generic;

namespace Dms.Codegen.Emulator.State;

/// <summary>
/// The emulated tenant, and the first instance, database and table of the <see cref="Catalog"/>, that every answer refers to. An id member (a wire name
/// ending in <c>Id</c>, or <c>Tid</c>) that the request does not give takes its value from here, so the same
/// name means the same thing in every operation; names the world does not know get a stable number of their own.
/// </summary>
public sealed class World
{
    /// <summary>The tenant id (<c>Tid</c>) of the one active tenant.</summary>
    public const long TenantId = 3000;

    /// <summary>The tenant's name.</summary>
    public const string TenantName = "emulator-tenant";

    /// <summary>The id of the one MySQL instance (<c>InstanceId</c>).</summary>
    public const long InstanceId = 1001;

    /// <summary>The id of its database (<c>DbId</c>, also <c>DatabaseId</c>).</summary>
    public const long DatabaseId = 2001;

    /// <summary>The database's schema name.</summary>
    public const string SchemaName = "orders_db";

    /// <summary>The id of its table <c>orders</c> (<c>TableId</c>).</summary>
    public const long TableId = 3001;

    /// <summary>The name of that table.</summary>
    public const string TableName = "orders";

    /// <summary>The instance's host.</summary>
    public const string Host = "127.0.0.1";

    /// <summary>The instance's port.</summary>
    public const int Port = 3306;

    /// <summary>The instance's alias.</summary>
    public const string InstanceAlias = "emulator-mysql";

    /// <summary>The id of the emulated user (<c>UserId</c>, <c>CommitterId</c>, <c>OperatorId</c>).</summary>
    public const long UserId = 51001;

    /// <summary>The instance's host and port as DMS shows them in a "search name".</summary>
    public const string SearchName = SchemaName + "@" + Host + ":3306";

    private static readonly Dictionary<string, long> Known = new(StringComparer.Ordinal)
    {
        ["Tid"] = TenantId,
        ["InstanceId"] = InstanceId,
        ["DbId"] = DatabaseId,
        ["DatabaseId"] = DatabaseId,
        ["TableId"] = TableId,
        ["UserId"] = UserId,
        ["Uid"] = UserId,
        ["CommitterId"] = UserId,
        ["OperatorId"] = UserId,
        ["OwnerId"] = UserId,
    };

    private static readonly Dictionary<string, string> KnownText = new(StringComparer.Ordinal)
    {
        ["TenantName"] = TenantName,
        ["SchemaName"] = SchemaName,
        ["DbName"] = SchemaName,
        ["DatabaseName"] = SchemaName,
        ["TableName"] = TableName,
        ["Host"] = Host,
        ["InstanceAlias"] = InstanceAlias,
        ["SearchName"] = SearchName,
        ["DatabaseSearchName"] = SearchName,
        ["Database"] = SearchName,
        ["Committer"] = "emulator-user",
        ["NickName"] = "emulator-user",
        ["UserName"] = "emulator-user",
    };

    /// <summary>The text a member called <paramref name="wireName"/> has in every answer (names of the world's things), or null.</summary>
    public static string? Text(string wireName) => KnownText.TryGetValue(wireName, out var text) ? text : null;

    /// <summary>The id a member called <paramref name="wireName"/> has in every answer.</summary>
    public static long Identity(string wireName)
    {
        if (Known.TryGetValue(wireName, out var id))
        {
            return id;
        }

        // FNV-1a over the name: stable across runs and processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in wireName)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return 100_000 + (hash % 900_000);
    }
}
