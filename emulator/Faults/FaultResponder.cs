using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dms.Codegen.Emulator.Faults;

/// <summary>What a request's faults leave for the normal answer.</summary>
internal enum FaultOutcome
{
    /// <summary>Answer normally.</summary>
    Answer,

    /// <summary>Answer normally, with an undocumented JobStatus.</summary>
    AnswerWithUnknownEnum,

    /// <summary>A fault already answered (or dropped the connection).</summary>
    Handled,
}

/// <summary>Applies a request's faults in order: latency first, then the first fault that ends the request.</summary>
internal static class FaultResponder
{
    /// <summary>The JobStatus the unknown-enum fault sends: documented nowhere.</summary>
    public const string UndocumentedStatus = "ARCHIVED_BY_EMULATOR";

    /// <summary>The body of the malformed fault: JSON cut off in the middle of a value.</summary>
    public const string MalformedBody = """{"RequestId":"MALFORMED","Success":true,"JobDegree":{"JobStatus":""";

    public static async Task<FaultOutcome> ApplyAsync(HttpContext context, IReadOnlyList<EmulatorFault> faults, int retryAfterMilliseconds)
    {
        var outcome = FaultOutcome.Answer;
        foreach (var fault in faults)
        {
            switch (fault.Kind)
            {
                case EmulatorFaultKind.Latency:
                    await Task.Delay(fault.Latency, context.RequestAborted);
                    break;
                case EmulatorFaultKind.UnknownEnum:
                    outcome = FaultOutcome.AnswerWithUnknownEnum;
                    break;
                case EmulatorFaultKind.Drop:
                    // No status line at all: the client sees a reset connection, as with a dying load balancer.
                    context.Abort();
                    return FaultOutcome.Handled;
                case EmulatorFaultKind.Throttle:
                    var status = fault.Status == 0 ? HttpStatusCode.BadRequest : (HttpStatusCode)fault.Status;
                    await AlibabaError.Throttled(TimeSpan.FromMilliseconds(retryAfterMilliseconds), status).WriteAsync(context);
                    return FaultOutcome.Handled;
                case EmulatorFaultKind.ServerError:
                    await new AlibabaError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.").WriteAsync(context);
                    return FaultOutcome.Handled;
                case EmulatorFaultKind.InternalError:
                    await AlibabaError.InternalError().WriteAsync(context);
                    return FaultOutcome.Handled;
                case EmulatorFaultKind.Malformed:
                    await Hosting.JsonAnswer.WriteAsync(context, MalformedBody, requestId: null);
                    return FaultOutcome.Handled;
            }
        }

        return outcome;
    }
}
