using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>Emits <c>{Operation}StreamAsync</c> on the client and its interface: the operation as a stream of server-sent events.</summary>
internal static class StreamEmitter
{
    public static void Emit(SourceWriter w, EmitContext context, OperationModel operation)
    {
        var request = GeneratedNames.Request(operation.Name);
        var events = $"{KnownTypes.AsyncEnumerable}<DmsEvent<{GeneratedNames.Response(operation.Name)}>>";
        w.Open($"partial class {context.ClientName}");
        w.Line($"/// <summary>Calls {operation.Name} and reads its answer as server-sent events, each one's data a response body.</summary>");
        w.Line("/// <remarks>");
        w.Line("/// Signed with ACS3-HMAC-SHA256 whatever the client's signature version, as Alibaba's clients sign streams. The");
        w.Line("/// attempt timeout covers the response headers and each silence between events; retries happen only before the");
        w.Line("/// first event. An event whose envelope says <c>Success: false</c> ends the stream with a <see cref=\"DmsException\"/>.");
        w.Line("/// </remarks>");
        w.Line("/// <param name=\"request\">The operation's parameters; required ones are checked before anything is sent.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the call and the stream.</param>");
        w.Line($"/// <exception cref=\"{KnownTypes.ArgumentException}\">A required parameter is not set.</exception>");
        w.Line("/// <exception cref=\"DmsException\">DMS answered with an error before or during the stream, or sent an event that could not be read.</exception>");
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Open($"public virtual {events} {GeneratedNames.StreamMethod(operation.Name)}({request} request, {KnownTypes.CancellationToken} cancellationToken = default)");
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(request);");
        w.Line($"return this.StreamAsync<{GeneratedNames.Response(operation.Name)}>(request, cancellationToken);");
        w.Close();
        w.Close();
        w.Line();
        w.Open($"partial interface I{context.ClientName}");
        w.Line($"/// <inheritdoc cref=\"{context.ClientName}.{GeneratedNames.StreamMethod(operation.Name)}\"/>");
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Line($"{events} {GeneratedNames.StreamMethod(operation.Name)}({request} request, {KnownTypes.CancellationToken} cancellationToken = default);");
        w.Close();
    }
}
