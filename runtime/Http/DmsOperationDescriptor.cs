using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Dms.Codegen.Http;

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
    public DmsOperationDescriptor(string action, string version, DmsHttpMethod method, IReadOnlyList<DmsParameterDescriptor> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(parameters);
        Action = action;
        Version = version;
        Method = method switch
        {
            DmsHttpMethod.Get => HttpMethod.Get,
            DmsHttpMethod.Post => HttpMethod.Post,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "DMS operations are sent with GET or POST."),
        };
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
