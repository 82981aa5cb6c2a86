using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Dms.Codegen.Http;

/// <summary>
/// The wire form of one DMS RPC call before signing: the action, the API version, the HTTP method and the
/// business parameters in the order the generated code added them. Values are already encoded as text.
/// </summary>
public sealed class DmsRequest
{
    private readonly List<KeyValuePair<string, string>> _query = new();
    private readonly List<KeyValuePair<string, string>> _form = new();

    /// <summary>Creates a request for <paramref name="action"/> of API version <paramref name="version"/>.</summary>
    public DmsRequest(string action, string version, HttpMethod method)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentNullException.ThrowIfNull(method);
        Action = action;
        Version = version;
        Method = method;
    }

    /// <summary>Creates a request for the operation <paramref name="descriptor"/> describes.</summary>
    public DmsRequest(DmsOperationDescriptor descriptor)
        : this((descriptor ?? throw new ArgumentNullException(nameof(descriptor))).Action, descriptor.Version, descriptor.Method)
    {
        Descriptor = descriptor;
    }

    /// <summary>The operation's descriptor, when the request was made from one.</summary>
    public DmsOperationDescriptor? Descriptor { get; }

    /// <summary>The RPC action, for example <c>GetDataExportOrderDetail</c>.</summary>
    public string Action { get; }

    /// <summary>The API version, for example <c>2018-11-01</c>.</summary>
    public string Version { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The business parameters that go in the query string.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    /// <summary>The business parameters that go in the form body.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form => _form;

    /// <summary>Adds an encoded parameter. A <see langword="null"/> value means "not set" and adds nothing.</summary>
    public void Add(DmsParameterLocation location, string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (value is null)
        {
            return;
        }

        // UTF-8 cannot carry a lone surrogate: encoding would silently send U+FFFD instead of what was set.
        if (DmsUtf16.LoneSurrogate(value) is var index and >= 0)
        {
            throw new ArgumentException(DmsUtf16.Problem($"The value of DMS parameter '{name}' of {Action}", index), nameof(value));
        }

        (location == DmsParameterLocation.Form ? _form : _query).Add(new KeyValuePair<string, string>(name, value));
    }

    /// <summary>Adds an encoded parameter where its descriptor places it. A <see langword="null"/> value adds nothing.</summary>
    public void Add(DmsParameterDescriptor parameter, string? value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        Add(parameter.Location, parameter.Name, value);
    }

    /// <summary>Adds an integer parameter, formatted with the invariant culture. Null adds nothing.</summary>
    public void Add(DmsParameterDescriptor parameter, int? value) => Add(parameter, DmsParameterEncoding.Format(value));

    /// <summary>Adds an integer parameter, formatted with the invariant culture. Null adds nothing.</summary>
    public void Add(DmsParameterDescriptor parameter, long? value) => Add(parameter, DmsParameterEncoding.Format(value));

    /// <summary>Adds a number parameter, formatted round-trippably with the invariant culture. Null adds nothing.</summary>
    public void Add(DmsParameterDescriptor parameter, double? value) => Add(parameter, DmsParameterEncoding.Format(value));

    /// <summary>Adds a boolean parameter as <c>true</c> or <c>false</c>. Null adds nothing.</summary>
    public void Add(DmsParameterDescriptor parameter, bool? value) => Add(parameter, DmsParameterEncoding.Format(value));

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Action} ({Version}): {_query.Count} query, {_form.Count} form parameters";
}
