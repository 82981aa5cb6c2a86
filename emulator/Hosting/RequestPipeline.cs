using System;
using System.Linq;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Api;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.Security;
using Dms.Codegen.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>One request: signature, operation, parameters, faults, answer. In that order, as the real gateway checks.</summary>
internal sealed class RequestPipeline
{
    private readonly DmsEmulatorOptions _options;
    private readonly SignatureVerifier _verifier;
    private readonly FaultQueue _faults;
    private readonly OperationHandlers _handlers;

    public RequestPipeline(DmsEmulatorOptions options, EmulatorState state, FaultQueue faults)
    {
        _options = options;
        _verifier = new SignatureVerifier(options);
        _faults = faults;
        _handlers = new OperationHandlers(state);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = await IncomingRequest.ReadAsync(context.Request);
        var (caller, error) = _verifier.Verify(request);
        if (error is not null)
        {
            await error.WriteAsync(context);
            return;
        }

        var operation = DmsClient.Operations.FirstOrDefault(o => o.Action == caller!.Action);
        error = operation is null ? AlibabaError.UnknownAction(caller!.Action)
            : operation.Version != caller!.Version ? AlibabaError.InvalidVersion(caller.Version)
            : ParameterValidator.Validate(operation, caller.Parameters);
        if (error is not null)
        {
            await error.WriteAsync(context);
            return;
        }

        var faults = FaultQueue.ParseHeader(request.Header(DmsEmulator.FaultHeader)).ToList();
        if (_faults.TryTake(caller.AccessKeyId, out var queued))
        {
            faults.Add(queued);
        }

        var unknownEnum = false;
        foreach (var fault in faults)
        {
            switch (fault.Kind)
            {
                case EmulatorFaultKind.Latency:
                    await Task.Delay(fault.Latency, context.RequestAborted);
                    break;
                case EmulatorFaultKind.UnknownEnum:
                    unknownEnum = true;
                    break;
                case EmulatorFaultKind.Drop:
                    context.Abort();
                    return;
                case EmulatorFaultKind.Throttle:
                    context.Response.Headers["x-acs-retry-after"] = _options.ThrottleRetryAfterMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(_options.ThrottleRetryAfterMilliseconds / 1000.0)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await new AlibabaError(System.Net.HttpStatusCode.BadRequest, "Throttling.User", "Request was denied due to user flow control.").WriteAsync(context);
                    return;
                case EmulatorFaultKind.ServerError:
                    await new AlibabaError(System.Net.HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.").WriteAsync(context);
                    return;
                case EmulatorFaultKind.Malformed:
                    context.Response.ContentType = "application/json; charset=utf-8";
                    await context.Response.WriteAsync("""{"RequestId":"MALFORMED","Success":true,"JobDegree":{"JobStatus":""");
                    return;
            }
        }

        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["x-acs-request-id"] = requestId;
        await context.Response.WriteAsync(_handlers.Answer(caller.Action, caller.Parameters, requestId, unknownEnum));
    }
}
