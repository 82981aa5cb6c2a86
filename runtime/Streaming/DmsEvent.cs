using System;

namespace Dms.Codegen.Streaming;

/// <summary>One server-sent event of a DMS stream: its <c>id</c> and <c>event</c> fields and its <c>data</c> read as the operation's response type.</summary>
/// <typeparam name="T">The operation's response type; each event's data is one such JSON object.</typeparam>
public sealed class DmsEvent<T>
{
    /// <summary>Creates an event (tests and mocks build their own).</summary>
    public DmsEvent(T data, string eventType = "message", string? id = null, TimeSpan? reconnectionInterval = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(eventType);
        Data = data;
        EventType = eventType;
        Id = id;
        ReconnectionInterval = reconnectionInterval;
    }

    /// <summary>The event's data, read as the operation's response.</summary>
    public T Data { get; }

    /// <summary>The <c>event</c> field; <c>message</c> when the server sent none.</summary>
    public string EventType { get; }

    /// <summary>The <c>id</c> field (DMS appears to put the request id there); null when the server sent none.</summary>
    public string? Id { get; }

    /// <summary>The <c>retry</c> field, when the server sent one.</summary>
    public TimeSpan? ReconnectionInterval { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{EventType} {Id}".TrimEnd();
}
