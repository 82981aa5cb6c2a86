namespace Dms.Codegen.Generator.Emit;

/// <summary>Fully qualified names of the runtime and BCL types generated code uses.</summary>
internal static class KnownTypes
{
    public const string ClientBase = "global::Dms.Codegen.DmsClientBase";
    public const string ClientOptions = "global::Dms.Codegen.DmsClientOptions";
    public const string ClientBaseMetadataName = "Dms.Codegen.DmsClientBase";
    public const string DependencyInjection = "global::Dms.Codegen.DependencyInjection.DmsServiceCollectionExtensions";
    public const string Configuration = "global::Dms.Codegen.DependencyInjection.DmsConfiguration";
    public const string OperationRequest = "global::Dms.Codegen.Http.IDmsOperationRequest";
    public const string Request = "global::Dms.Codegen.Http.DmsRequest";
    public const string Location = "global::Dms.Codegen.Http.DmsParameterLocation";
    public const string OperationDescriptor = "global::Dms.Codegen.Http.DmsOperationDescriptor";
    public const string ParameterDescriptor = "global::Dms.Codegen.Http.DmsParameterDescriptor";
    public const string ValueKind = "global::Dms.Codegen.Http.DmsValueKind";
    public const string ParameterStyle = "global::Dms.Codegen.Http.DmsParameterStyle";
    public const string Encoding = "global::Dms.Codegen.Http.DmsParameterEncoding";
    public const string JsonModel = "global::Dms.Codegen.Json.IDmsJsonModel";
    public const string JsonWritable = "global::Dms.Codegen.Json.IDmsJsonWritable";
    public const string JsonReader = "global::Dms.Codegen.Json.DmsJsonReader";
    public const string JsonWriter = "global::Dms.Codegen.Json.DmsJsonWriter";
    public const string Utf8JsonReader = "global::System.Text.Json.Utf8JsonReader";
    public const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string ReadOnlyDictionary = "global::System.Collections.Generic.IReadOnlyDictionary";
    public const string Dictionary = "global::System.Collections.Generic.Dictionary";
    public const string HttpClient = "global::System.Net.Http.HttpClient";
    public const string HttpClientFactory = "global::System.Net.Http.IHttpClientFactory";
    public const string HttpMethod = "global::System.Net.Http.HttpMethod";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string ArgumentException = "global::System.ArgumentException";
    public const string ArgumentNullException = "global::System.ArgumentNullException";
}
