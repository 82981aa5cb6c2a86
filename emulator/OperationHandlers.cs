using System;
using System.Collections.Generic;
using System.Linq;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.Emulator.Workflows;

namespace Dms.Codegen.Emulator;

/// <summary>
/// Builds each operation's answer: the workflows give the values they keep (an <see cref="Overlay"/>, or an
/// error when the call comes in the wrong state), and the response shape generated from the operation's spec
/// fills every other documented member. No operation is written out here member by member.
/// </summary>
internal sealed class OperationHandlers
{
    private readonly ShapeCatalog _shapes;
    private readonly ResponseWriter _writer;
    private readonly TicketWorkflows _workflows;
    private readonly TimeProvider _time;

    public OperationHandlers(EmulatorState state, ShapeCatalog shapes, TimeProvider time)
    {
        _shapes = shapes;
        _writer = new ResponseWriter(shapes);
        _workflows = new TicketWorkflows(state);
        _time = time;
    }

    public (string? Body, AlibabaError? Error) Answer(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId, bool unknownEnum, Uri endpoint)
    {
        var result = _workflows.Handle(action, new WorkflowCall(parameters, endpoint, unknownEnum));
        if (result?.Error is { } error)
        {
            return (null, error);
        }

        // An operation handed in without a shape still gets the success envelope.
        var shape = _shapes.Response(action);
        if (shape is null)
        {
            return ($$"""{"RequestId":"{{requestId}}","Success":true}""", null);
        }

        var echoed = result?.Echo is { } echo ? parameters.Concat(echo).ToList() : parameters;
        return (_writer.Write(shape, new AnswerContext(requestId, echoed, _time.GetUtcNow()), result?.Overlay), null);
    }
}
