using System.Globalization;
using System.Linq;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;

namespace Dms.Codegen.Generator.Emit;

/// <summary>Emits <c>Wait{Name}Async</c>: an extension method over the client interface that runs the runtime's waiter.</summary>
internal static class WaiterEmitter
{

    public static void Emit(SourceWriter w, EmitContext context, OperationModel operation, WaiterModel waiter)
    {
        var response = GeneratedNames.Response(operation.Name);
        var request = GeneratedNames.Request(operation.Name);
        var field = waiter.Name + "Waiter";
        w.Line($"private static readonly DmsWaiter<{response}> {field} = new(");
        w.Line($"    {JsonEmitter.Literal(waiter.Name)},");
        w.Line($"    static response => {StatusText(waiter.Status)},");
        w.Line($"    static status => status switch");
        w.Line("    {");
        Arm(w, waiter.Success, "Success");
        Arm(w, waiter.Failure, "Failure");
        Arm(w, waiter.Blocked, "Blocked");
        w.Line($"        _ => DmsWaiterState.Waiting,");
        w.Line("    },");
        w.Line($"    new DmsWaiterPolicy({Ms(waiter.DelayMs)}, {Ms(waiter.MaxDelayMs)}, {waiter.Backoff.ToString("R", CultureInfo.InvariantCulture)}, {Ms(waiter.MaxWaitMs)}));");
        w.Line();
        DocWriter.Element(w, "summary", waiter.Summary ?? $"Polls {operation.Name} until {string.Join(" or ", waiter.Success)}.", null);
        w.Line("/// <remarks>");
        w.Line($"/// Polls <see cref=\"I{context.ClientName}.{operation.Name}Async\"/> at once, then after each delay ({Seconds(waiter.DelayMs)} at first, growing {Factor(waiter.Backoff)}× to at most");
        w.Line($"/// {Seconds(waiter.MaxDelayMs)}, jittered), for at most {Seconds(waiter.MaxWaitMs)}. Success: {Values(waiter.Success)}.");
        w.Line($"/// Failure: {Values(waiter.Failure)}. Blocked (ends at once, waiting for a person or another call): {Values(waiter.Blocked)}.");
        w.Line("/// Any other value, documented or not, keeps waiting.");
        w.Line("/// </remarks>");
        w.Line("/// <param name=\"client\">The client to poll with (a mock works too).</param>");
        w.Line("/// <param name=\"request\">The request each poll sends; it is not changed.</param>");
        w.Line("/// <param name=\"options\">Overrides of the delays, the maximum wait and the clock.</param>");
        w.Line("/// <param name=\"progress\">Receives every polled response.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the wait and the poll in flight.</param>");
        w.Line("/// <returns>The first response whose status is a success state.</returns>");
        w.Line($"/// <exception cref=\"DmsWaiterException{{TResponse}}\">The status reached a failure or blocked state (see <c>Outcome</c>).</exception>");
        w.Line($"/// <exception cref=\"DmsWaiterTimeoutException{{TResponse}}\">The maximum wait passed.</exception>");
        w.Line("/// <exception cref=\"DmsException\">A poll failed after the client's own retries.</exception>");
        DocWriter.Obsolete(w, operation.Docs.Deprecated);
        w.Line($"public static {KnownTypes.Task}<{response}> {GeneratedNames.WaiterMethod(waiter.Name)}(");
        w.Line($"    this I{context.ClientName} client,");
        w.Line($"    {request} request,");
        w.Line($"    DmsWaiterOptions? options = null,");
        w.Line($"    IProgress<{response}>? progress = null,");
        w.Open($"    {KnownTypes.CancellationToken} cancellationToken = default)");
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(client);");
        w.Line($"{KnownTypes.ArgumentNullException}.ThrowIfNull(request);");
        w.Line($"return {field}.WaitAsync(client, token => client.{operation.Name}Async(request, token), options, progress, cancellationToken);");
        w.Close();
    }

    /// <summary>The status as DMS sent it: an enum's wire value, or a scalar's invariant text.</summary>
    private static string StatusText(MemberPath path)
    {
        var access = WorkflowEmitter.Access("response", path);
        if (path.Type.Kind == TypeRefKind.Enum)
        {
            return access + "?.Value";
        }

        return path.Type.Kind == TypeRefKind.String ? access : $"DmsWaiterStatus.Text({access})";
    }

    private static void Arm(SourceWriter w, EquatableArray<string> values, string state)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var last = i == values.Count - 1;
            w.Line($"        {JsonEmitter.Literal(values[i])}{(last ? $" => DmsWaiterState.{state}," : " or")}");
        }
    }

    private static string Ms(long milliseconds) => $"TimeSpan.FromMilliseconds({milliseconds.ToString(CultureInfo.InvariantCulture)})";

    private static string Seconds(long milliseconds) => milliseconds switch
    {
        < 1_000 => milliseconds.ToString(CultureInfo.InvariantCulture) + " ms",
        < 120_000 => (milliseconds / 1_000.0).ToString("0.###", CultureInfo.InvariantCulture) + " s",
        < 7_200_000 => (milliseconds / 60_000.0).ToString("0.##", CultureInfo.InvariantCulture) + " min",
        _ => (milliseconds / 3_600_000.0).ToString("0.##", CultureInfo.InvariantCulture) + " h",
    };

    private static string Factor(double backoff) => backoff.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Values(EquatableArray<string> values) =>
        values.IsEmpty ? "none" : string.Join(", ", values.Select(v => "<c>" + DocWriter.Escape(v) + "</c>"));
}
