using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.Security;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.Http;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dms.Codegen.Emulator.Hosting;

/// <summary>One request: signature, operation, parameters, faults, answer. In that order, as the real gateway checks.</summary>
internal sealed class RequestPipeline
{
    private readonly DmsEmulatorOptions _options;
    private readonly SignatureVerifier _verifier;
    private readonly FaultQueue _faults;
    private readonly OperationHandlers _handlers;
    private readonly ILogger _logger;

    // The generated descriptors, by action (the emulator's own and the caller's): the only list of operations it has.
    private readonly Dictionary<string, DmsOperationDescriptor> _operations;

    public RequestPipeline(DmsEmulatorOptions options, EmulatorState state, FaultQueue faults, ILogger logger)
    {
        _options = options;
        _verifier = new SignatureVerifier(options);
        _faults = faults;
        _operations = options.AllOperations().ToDictionary(o => o.Action, StringComparer.Ordinal);
        _handlers = new OperationHandlers(state, options.ShapeCatalog(), options.TimeProvider);
        _logger = logger;
    }

    /// <summary>How many signature nonces are remembered now.</summary>
    public int RememberedNonces => _verifier.RememberedNonces;

    public async Task HandleAsync(HttpContext context)
    {
        string? action = null;
        try
        {
            action = await HandleCoreAsync(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ConnectionResetException && !context.Response.HasStarted)
        {
            // A bug in the emulator must still look like Alibaba's gateway, not like an empty ASP.NET 500.
            _logger.LogError(exception, "The emulator failed on a request.");
            context.Response.Clear();
            await AlibabaError.InternalError().WriteAsync(context);
        }

        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        // Method, action and outcome only: never a key, a signature, a URL or a parameter value.
        var code = context.Items.TryGetValue(typeof(AlibabaError), out var error) && error is AlibabaError e ? e.Code : "-";
        _logger.LogInformation("{Method} {Action} -> {Status} {Code}", context.Request.Method, action ?? "(unverified)", context.RequestAborted.IsCancellationRequested ? "dropped" : context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), code);
    }

    /// <summary>Answers the request; returns its verified action, or null when it was rejected before that.</summary>
    private async Task<string?> HandleCoreAsync(HttpContext context)
    {
        var request = await IncomingRequest.ReadAsync(context.Request);
        var (caller, error) = _verifier.Verify(request);
        if (error is not null)
        {
            await error.WriteAsync(context);
            return null;
        }

        error = !_operations.TryGetValue(caller!.Action, out var operation) ? AlibabaError.UnknownAction(caller.Action)
            : operation.Version != caller.Version ? AlibabaError.InvalidVersion(caller.Version)
            : ParameterValidator.Validate(operation, caller.Parameters);
        if (error is not null)
        {
            await error.WriteAsync(context);
            return caller.Action;
        }

        var faults = FaultQueue.ParseHeader(request.Header(DmsEmulator.FaultHeader), out var unknownWord);
        if (unknownWord is not null)
        {
            await AlibabaError.UnknownFault(unknownWord).WriteAsync(context);
            return caller.Action;
        }

        if (_faults.TryTake(caller.AccessKeyId, out var queued))
        {
            faults.Add(queued);
        }

        var cut = faults.LastOrDefault(f => f.Kind == EmulatorFaultKind.StreamCut);
        if (cut.Kind == EmulatorFaultKind.StreamCut && !_handlers.Streams(caller.Action))
        {
            await AlibabaError.CutWithoutStream(caller.Action).WriteAsync(context);
            return caller.Action;
        }

        var outcome = await FaultResponder.ApplyAsync(context, faults, _options.ThrottleRetryAfterMilliseconds);
        if (outcome == FaultOutcome.Handled)
        {
            return caller.Action;
        }

        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        var endpoint = new Uri($"{context.Request.Scheme}://{context.Request.Host.Value}/");
        var (body, events, stateError) = _handlers.Answer(caller.Action, caller.Parameters, requestId, outcome == FaultOutcome.AnswerWithUnknownEnum, endpoint);
        if (stateError is not null)
        {
            await stateError.WriteAsync(context);
            return caller.Action;
        }

        await (events is not null
            ? EventStreamAnswer.WriteAsync(context, events, requestId, cut.Kind == EmulatorFaultKind.StreamCut ? cut.Events : null)
            : JsonAnswer.WriteAsync(context, body!, requestId));
        return caller.Action;
    }
}
