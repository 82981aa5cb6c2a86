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
/// fills every other documented member; a paginated list is paged by its spec's <c>pagination:</c> block. No
/// operation is written out here member by member.
/// </summary>
internal sealed class OperationHandlers
{
    private readonly ShapeCatalog _shapes;
    private readonly ResponseWriter _writer;
    private readonly TicketWorkflows _workflows;
    private readonly CatalogWorkflows _catalog;
    private readonly TimeProvider _time;
    private readonly ListSeeds _lists;

    public OperationHandlers(EmulatorState state, ShapeCatalog shapes, TimeProvider time)
    {
        _shapes = shapes;
        _writer = new ResponseWriter(shapes);
        _catalog = new CatalogWorkflows(state.Catalog, shapes);
        _workflows = new TicketWorkflows(state, _catalog);
        _time = time;
        _lists = state.Lists;
    }

    /// <summary>How many events a stream operation sends: several, so a client must read them one by one.</summary>
    public const int StreamEvents = 3;

    /// <summary>
    /// The success body of <paramref name="action"/> (or its error); <c>Events</c> is 0 for a JSON answer and the
    /// number of server-sent events, each carrying the body, for an operation whose spec says <c>stream: sse</c>.
    /// </summary>
    public (string? Body, int Events, AlibabaError? Error) Answer(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId, bool unknownEnum, Uri endpoint)
    {
        var call = new WorkflowCall(parameters, endpoint, unknownEnum);
        var result = _workflows.Handle(action, call) ?? _catalog.Handle(action, call);
        if (result?.Error is { } error)
        {
            return (null, 0, error);
        }

        var events = _shapes.Streams(action) ? StreamEvents : 0;

        // An operation handed in without a shape still gets the success envelope.
        var shape = _shapes.Response(action);
        if (shape is null)
        {
            return ($$"""{"RequestId":"{{requestId}}","Success":true}""", events, null);
        }

        var overlay = result?.Overlay;
        if (_shapes.Paging(action) is { } paging)
        {
            (overlay, error) = ListPager.Page(paging, parameters, overlay, _lists.Length(action));
            if (error is not null)
            {
                return (null, 0, error);
            }
        }

        var echoed = result?.Echo is { } echo ? parameters.Concat(echo).ToList() : parameters;
        return (_writer.Write(shape, new AnswerContext(requestId, echoed, _time.GetUtcNow()), overlay), events, null);
    }
}
