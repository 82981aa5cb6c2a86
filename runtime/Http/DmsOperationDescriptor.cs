using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Dms.Codegen.Http;

/// <summary>The kind of value a parameter carries, as the spec declares it.</summary>
public enum DmsValueKind
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A floating-point number.</summary>
    Double,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Any JSON value.</summary>
    Any,

    /// <summary>A JSON object.</summary>
    Object,

    /// <summary>A list.</summary>
    Array,

    /// <summary>A map of string keys.</summary>
    Map,
}

/// <summary>How a non-scalar parameter is encoded on the wire.</summary>
public enum DmsParameterStyle
{
    /// <summary>A scalar, as text.</summary>
    Plain,

    /// <summary>The whole value as one JSON string.</summary>
    Json,

    /// <summary>Scalars joined with commas.</summary>
    Simple,

    /// <summary><c>Name.1.Key=value</c> pairs.</summary>
    Flat,

    /// <summary><c>Name.1.Key=value</c> pairs, for lists of objects.</summary>
    RepeatList,
}

/// <summary>One parameter of an operation, generated from its spec.</summary>
/// <param name="Name">The wire name.</param>
/// <param name="Location">Query or form body.</param>
/// <param name="Kind">The declared kind of value (an enum is <see cref="DmsValueKind.String"/> or an integer kind).</param>
/// <param name="Style">The encoding.</param>
/// <param name="Required">Whether the spec marks it required.</param>
public sealed record DmsParameterDescriptor(string Name, DmsParameterLocation Location, DmsValueKind Kind, DmsParameterStyle Style = DmsParameterStyle.Plain, bool Required = false);

/// <summary>
/// What an operation sends, generated from its spec: the single source of truth that tools such as the
/// local DMS emulator check requests against.
/// </summary>
public sealed class DmsOperationDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    public DmsOperationDescriptor(string action, string version, HttpMethod method, IReadOnlyList<DmsParameterDescriptor> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        Action = action;
        Version = version;
        Method = method;
        Parameters = parameters;
    }

    /// <summary>The RPC action.</summary>
    public string Action { get; }

    /// <summary>The API version.</summary>
    public string Version { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The parameters, in spec order.</summary>
    public IReadOnlyList<DmsParameterDescriptor> Parameters { get; }

    /// <summary>
    /// Whether the response declares DMS's <c>Success</c> member (default true). When it does, a response is a
    /// success only with <c>"Success": true</c>; when it does not (the <c>ListAuthorized*</c> operations), the
    /// HTTP status and an error <c>Code</c> decide.
    /// </summary>
    public bool ResponseDeclaresSuccess { get; init; } = true;

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Action} ({Version})";
}
