using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>Emits the client: its constructors once, and one thin async method per operation.</summary>
internal static class ClientEmitter
{
    public static void EmitOperationMethod(SourceWriter w, EmitContext context, OperationModel operation)
    {
        var request = GeneratedNames.Request(operation.Name);
        var response = GeneratedNames.Response(operation.Name);
        w.Open($"partial class {context.ClientName}");
        DocWriter.Write(w, new Docs(operation.Docs.Summary ?? $"Calls the DMS operation {operation.Name}.", operation.Docs.Remarks, null, false), operation.Name);
        w.Line("/// <param name=\"request\">The operation's parameters; required ones are checked before anything is sent.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the call, including retries and their waits.</param>");
        w.Line($"/// <returns>The response of {operation.Name}.</returns>");
        w.Line($"/// <exception cref=\"{KnownTypes.ArgumentException}\">A required parameter is not set.</exception>");
        w.Line("/// <exception cref=\"DmsException\">DMS answered with an error, or with a body that could not be read.</exception>");
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Line($"public virtual {KnownTypes.Task}<{response}> {GeneratedNames.AsyncMethod(operation.Name)}(");
        w.Open($"    {request} request, {KnownTypes.CancellationToken} cancellationToken = default)");
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(request);");
        w.Line($"return this.SendAsync<{response}>(request, cancellationToken);");
        w.Close();
        w.Close();
        w.Line();
        w.Open($"partial interface {GeneratedNames.ClientInterface(context.ClientName)}");
        w.Line($"/// <inheritdoc cref=\"{context.ClientName}.{GeneratedNames.AsyncMethod(operation.Name)}\"/>");
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Line($"{KnownTypes.Task}<{response}> {GeneratedNames.AsyncMethod(operation.Name)}(");
        w.Line($"    {request} request, {KnownTypes.CancellationToken} cancellationToken = default);");
        w.Close();
    }

    /// <summary><c>{Client}.Operations</c>: every operation's descriptor, sorted by name.</summary>
    public static string EmitCatalogFile(GeneratorOptions options, EquatableArray<string> operationNames)
    {
        using var w = new SourceWriter();
        w.Open($"partial class {options.ClientName}");
        w.Line("/// <summary>Every operation this client was generated with, as its spec declares it; sorted by name.</summary>");
        w.Line($"public static {KnownTypes.ReadOnlyList}<{KnownTypes.OperationDescriptor}> Operations {{ get; }} = new {KnownTypes.OperationDescriptor}[]");
        w.Line("{");
        foreach (var name in operationNames)
        {
            w.Line($"    {GeneratedNames.Request(name)}.Descriptor,");
        }

        w.Line("};");
        w.Close();
        return SpecEmitter.Compose(options, w);
    }

    public static string EmitClientFile(GeneratorOptions options)
    {
        using var w = new SourceWriter();
        w.Line("/// <summary>");
        w.Line("/// The DMS Enterprise (dms-enterprise 2018-11-01) client, with one method per operation in the project's specs.");
        w.Line("/// An instance is thread-safe and meant to be created once and shared.");
        w.Line("/// </summary>");
        w.Line(ObjectEmitter.GeneratedCodeAttribute);
        w.Open($"{options.Accessibility} partial class {options.ClientName} : {KnownTypes.ClientBase}, {GeneratedNames.ClientInterface(options.ClientName)}");
        w.Line("/// <summary>For mocking frameworks: a client that sends nothing until its methods are overridden.</summary>");
        w.Line($"protected {options.ClientName}() {{ }}");
        w.Line();
        w.Line("/// <summary>Creates a client that owns and reuses its own HTTP connection pool.</summary>");
        w.Line("/// <param name=\"options\">Endpoint, credentials, signature version, timeouts and retries.</param>");
        w.Line($"public {options.ClientName}({KnownTypes.ClientOptions} options) : base(options) {{ }}");
        w.Line();
        w.Line("/// <summary>Creates a client that sends through <paramref name=\"httpClient\"/>, which the caller owns.</summary>");
        w.Line("/// <param name=\"options\">Endpoint, credentials, signature version, timeouts and retries.</param>");
        w.Line("/// <param name=\"httpClient\">The client to send with, for example one from IHttpClientFactory.</param>");
        w.Line($"public {options.ClientName}({KnownTypes.ClientOptions} options, {KnownTypes.HttpClient} httpClient)");
        w.Line("    : base(options, httpClient) { }");
        w.Line();
        w.Line("/// <summary>Creates a client that takes an HttpClient from the factory for each call; AddDmsClient registers it so.</summary>");
        w.Line("/// <param name=\"options\">Endpoint, credentials, signature version, timeouts and retries.</param>");
        w.Line("/// <param name=\"httpClientFactory\">The factory.</param>");
        w.Line("/// <param name=\"httpClientName\">The named client, whose chain ends in the runtime's signing handler.</param>");
        w.Line($"public {options.ClientName}({KnownTypes.ClientOptions} options, {KnownTypes.HttpClientFactory} httpClientFactory, string httpClientName)");
        w.Line("    : base(options, httpClientFactory, httpClientName) { }");
        w.Close();
        w.Line();
        w.Line($"/// <summary>The operations of <see cref=\"{options.ClientName}\"/>, for dependency injection and for mocking in tests.</summary>");
        w.Line(ObjectEmitter.GeneratedCodeAttribute);
        w.Line($"{options.Accessibility} partial interface {GeneratedNames.ClientInterface(options.ClientName)} {{ }}");
        w.Line();
        EmitServiceCollectionExtensions(w, options);
        return SpecEmitter.Compose(options, w);
    }

    /// <summary><c>services.Add{Client}(...)</c>: thin typed calls into the runtime's IHttpClientFactory registration.</summary>
    private static void EmitServiceCollectionExtensions(SourceWriter w, GeneratorOptions options)
    {
        var client = options.ClientName;
        const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
        const string Builder = "global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder";
        const string Configuration = "global::Microsoft.Extensions.Configuration.IConfiguration";
        const string DefaultName = "global::Microsoft.Extensions.Options.Options.DefaultName";
        var configure = $"global::System.Action<{KnownTypes.ClientOptions}>";
        w.Line($"/// <summary>Registers <see cref=\"{client}\"/> and <see cref=\"I{client}\"/> on IHttpClientFactory.</summary>");
        w.Line(ObjectEmitter.GeneratedCodeAttribute);
        w.Open($"{options.Accessibility} static class {GeneratedNames.ServiceCollectionExtensions(client)}");
        w.Line($"/// <summary>Registers the default client, configured in code.</summary>");
        w.Line($"public static {Builder} Add{client}(this {Services} services, {configure} configure) => Add{client}(services, {DefaultName}, configure);");
        w.Line();
        w.Line($"/// <summary>Registers a named client (resolve it as a keyed service with that name), configured in code.</summary>");
        w.Open($"public static {Builder} Add{client}(this {Services} services, string name, {configure} configure)");
        w.Line($"return {KnownTypes.DependencyInjection}.AddDmsClient<I{client}, {client}>(services, name, configure, Create);");
        w.Close();
        w.Line();
        w.Line($"/// <summary>Registers the default client, configured from a configuration section (see DmsConfiguration for its keys).</summary>");
        w.Line($"public static {Builder} Add{client}(this {Services} services, {Configuration} configuration) => Add{client}(services, {DefaultName}, configuration);");
        w.Line();
        w.Line($"/// <summary>Registers a named client, configured from a configuration section (see DmsConfiguration for its keys).</summary>");
        w.Open($"public static {Builder} Add{client}(this {Services} services, string name, {Configuration} configuration)");
        w.Line($"return {KnownTypes.DependencyInjection}.AddDmsClient<I{client}, {client}>(services, name, configuration, Create);");
        w.Close();
        w.Line();
        w.Line($"private static {client} Create({KnownTypes.ClientOptions} options, {KnownTypes.HttpClientFactory} httpClientFactory, string httpClientName) => new(options, httpClientFactory, httpClientName);");
        w.Close();
    }
}
