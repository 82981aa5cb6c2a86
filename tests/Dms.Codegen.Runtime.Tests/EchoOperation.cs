using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dms.Codegen.Http;
using Dms.Codegen.Json;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>
/// A hand-written operation, so that the runtime's contract (IDmsOperationRequest, IDmsJsonModel, the protected
/// DmsClientBase members) is tested without the source generator.
/// </summary>
public sealed class EchoRequest : IDmsOperationRequest
{
    public List<KeyValuePair<string, string>> Query { get; } = new();

    public List<KeyValuePair<string, string>> Form { get; } = new();

    public void Validate()
    {
        if (Query.Count == 0 && Form.Count == 0)
        {
            throw new ArgumentException("Echo needs at least one parameter.", nameof(Query));
        }
    }

    public DmsRequest BuildRequest()
    {
        Validate();
        var request = new DmsRequest("Echo", "2018-11-01", HttpMethod.Post);
        foreach (var (name, value) in Query)
        {
            request.Add(DmsParameterLocation.Query, name, value);
        }

        foreach (var (name, value) in Form)
        {
            request.Add(DmsParameterLocation.Form, name, value);
        }

        return request;
    }
}

/// <summary>{"RequestId": "...", "Count": 3}; Count is read with GetInt32, so "Count": 1.5 throws FormatException.</summary>
public sealed class EchoResponse : IDmsJsonModel<EchoResponse>
{
    public string? RequestId { get; set; }

    public int Count { get; set; }

    public static EchoResponse ReadJson(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object.");
        }

        var response = new EchoResponse();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "RequestId": response.RequestId = reader.GetString(); break;
                case "Count": response.Count = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return response;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("RequestId", RequestId);
        writer.WriteNumber("Count", Count);
        writer.WriteEndObject();
    }
}

/// <summary>What the generator emits, by hand.</summary>
public sealed class EchoClient : DmsClientBase
{
    public EchoClient(DmsClientOptions options)
        : base(options)
    {
    }

    public EchoClient(DmsClientOptions options, HttpClient httpClient)
        : base(options, httpClient)
    {
    }

    public Task<EchoResponse> EchoAsync(EchoRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<EchoResponse>(request, cancellationToken);
    }
}
