namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// The runtime and BCL types generated code uses, by simple name: every generated file imports their
/// namespaces (<see cref="Imports"/>), and a spec may not declare a type of one of these names
/// (<c>GeneratedNames.IsReservedTypeName</c>), so the short name always means the runtime's type.
/// </summary>
internal static class KnownTypes
{
    public const string ClientBaseMetadataName = "Dms.Codegen.DmsClientBase";

    public const string ClientBase = "DmsClientBase";
    public const string ClientOptions = "DmsClientOptions";
    public const string DependencyInjection = "DmsServiceCollectionExtensions";
    public const string Configuration = "DmsConfiguration";
    public const string OperationRequest = "IDmsOperationRequest";
    public const string Request = "DmsRequest";
    public const string Location = "DmsParameterLocation";
    public const string OperationDescriptor = "DmsOperationDescriptor";
    public const string ParameterDescriptor = "DmsParameterDescriptor";
    public const string ValueKind = "DmsValueKind";
    public const string ParameterStyle = "DmsParameterStyle";
    public const string Method = "DmsHttpMethod";
    public const string Encoding = "DmsParameterEncoding";
    public const string JsonWritable = "IDmsJsonWritable";
    public const string JsonReader = "DmsJsonReader";
    public const string JsonWriter = "DmsJsonWriter";
    public const string AdditionalMembers = "DmsAdditionalMembers";
    public const string Utf8JsonReader = "Utf8JsonReader";
    public const string Utf8JsonWriter = "Utf8JsonWriter";
    public const string JsonTokenType = "JsonTokenType";
    public const string JsonElement = "JsonElement";
    public const string HttpClient = "HttpClient";
    public const string HttpMethod = "HttpMethod";
    public const string HttpClientFactory = "IHttpClientFactory";
    public const string CancellationToken = "CancellationToken";
    public const string ArgumentException = "ArgumentException";
    public const string ArgumentNullException = "ArgumentNullException";
    public const string GeneratedCode = "GeneratedCode";

    public const string JsonModel = "IDmsJsonModel";
    public const string ReadOnlyList = "IReadOnlyList";
    public const string ReadOnlyDictionary = "IReadOnlyDictionary";
    public const string Dictionary = "Dictionary";
    // A spec may name a type Task (GetTask does), so this one stays qualified.
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string AsyncEnumerable = "IAsyncEnumerable";
    public const string Progress = "IProgress";
    public const string TimeSpan = "TimeSpan";
    public const string DmsException = "DmsException";
    public const string Equatable = "IEquatable";

    /// <summary>
    /// The namespaces a generated file imports, each with the simple type names the code uses from it; a file
    /// imports only those whose names it uses. No two share a used name, and a spec may not declare one of
    /// these names, so each means the runtime's or BCL's type everywhere.
    /// </summary>
    public static readonly (string Namespace, string[] Names)[] Imports =
    {
        ("System", new[] { ArgumentException, ArgumentNullException, Equatable, Progress, TimeSpan }),
        ("System.CodeDom.Compiler", new[] { GeneratedCode }),
        ("System.Collections.Generic", new[] { AsyncEnumerable, ReadOnlyList, ReadOnlyDictionary, Dictionary }),
        ("System.Net.Http", new[] { HttpClient, HttpClientFactory, HttpMethod }),
        ("System.Text.Json", new[] { JsonElement, JsonTokenType, Utf8JsonReader, Utf8JsonWriter }),
        ("System.Threading", new[] { CancellationToken }),
        ("Dms.Codegen", new[] { ClientBase, ClientOptions, DmsException }),
        ("Dms.Codegen.DependencyInjection", new[] { Configuration, DependencyInjection }),
        ("Dms.Codegen.Http", new[] { OperationDescriptor, OperationRequest, Encoding, ParameterDescriptor, Location, Method, ParameterStyle, Request, ValueKind }),
        ("Dms.Codegen.Json", new[] { AdditionalMembers, JsonReader, JsonWriter, JsonWritable, JsonModel, "WriteMember" }),
        ("Dms.Codegen.Paging", new[] { "DmsPaginator", "DmsPageOptions", "DmsPageInfo", "DmsPaging", "DmsPagingStyle" }),
        ("Dms.Codegen.Streaming", new[] { "DmsEvent" }),
        ("Dms.Codegen.Waiters", new[] { "DmsWaiter", "DmsWaiterException", "DmsWaiterOptions", "DmsWaiterPolicy", "DmsWaiterState", "DmsWaiterStatus", "DmsWaiterTimeoutException" }),
    };
}
