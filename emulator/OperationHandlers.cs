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
    /// The text members of a streamed answer (<c>Data</c>, <c>Output.Content</c>) carry the answer's text in
    /// parts, event <c>n</c> the <c>n</c>-th, as DMS streams a model's output; together they are the whole text.
    /// </summary>
    public static readonly string[] StreamedTextMembers = { "Data", "Content" };

    /// <summary>Part <paramref name="n"/> (from 1) of a streamed answer's text.</summary>
    public static string StreamPart(int n) => $"Part {n.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {StreamEvents.ToString(System.Globalization.CultureInfo.InvariantCulture)} of the emulated answer. ";

    /// <summary>Whether <paramref name="action"/> answers an event stream.</summary>
    public bool Streams(string action) => _shapes.Streams(action);

    /// <summary>
    /// The success body of <paramref name="action"/> (or its error): for a JSON answer <c>Body</c>; for an
    /// operation whose spec says <c>stream: sse</c>, <c>Events</c>, the body of each server-sent event.
    /// </summary>
    public (string? Body, IReadOnlyList<string>? Events, AlibabaError? Error) Answer(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId, bool unknownEnum, Uri endpoint)
    {
        var call = new WorkflowCall(parameters, endpoint, unknownEnum);
        var result = _workflows.Handle(action, call) ?? _catalog.Handle(action, call);
        if (result?.Error is { } error)
        {
            return (null, null, error);
        }

        // An operation handed in without a shape still gets the success envelope.
        var shape = _shapes.Response(action);
        if (shape is null)
        {
            var envelope = $$"""{"RequestId":"{{requestId}}","Success":true}""";
            return Streams(action) ? (null, Enumerable.Repeat(envelope, StreamEvents).ToList(), null) : (envelope, null, null);
        }

        var overlay = result?.Overlay;
        if (_shapes.Paging(action) is { } paging)
        {
            (overlay, error) = ListPager.Page(paging, parameters, overlay, _lists.Length(action));
            if (error is not null)
            {
                return (null, null, error);
            }
        }

        var echoed = result?.Echo is { } echo ? parameters.Concat(echo).ToList() : parameters;
        var context = new AnswerContext(requestId, echoed, _time.GetUtcNow());
        if (!Streams(action))
        {
            return (_writer.Write(shape, context, overlay), null, null);
        }

        // The text parts go first, so that they win over a request parameter of the same name.
        var events = Enumerable.Range(1, StreamEvents)
            .Select(n => _writer.Write(shape, context with { Parameters = StreamedTextMembers.Select(m => new KeyValuePair<string, string>(m, StreamPart(n))).Concat(echoed).ToList() }, overlay))
            .ToList();
        return (null, events, null);
    }
}
