using System;
using System.Collections.Generic;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.Shapes;
using Dms.Codegen.Emulator.State;

namespace Dms.Codegen.Emulator;

/// <summary>
/// Builds each operation's answer: the workflows give the values they keep (an <see cref="Overlay"/>, or an
/// error when the call comes in the wrong state), and the response shape generated from the operation's spec
/// fills every other documented member. No operation is written out here member by member.
/// </summary>
internal sealed class OperationHandlers
{
    private readonly EmulatorState _state;
    private readonly ShapeCatalog _shapes;
    private readonly ResponseWriter _writer;
    private readonly TimeProvider _time;

    public OperationHandlers(EmulatorState state, ShapeCatalog shapes, TimeProvider time)
    {
        _state = state;
        _shapes = shapes;
        _writer = new ResponseWriter(shapes);
        _time = time;
    }

    public (string? Body, AlibabaError? Error) Answer(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId, bool unknownEnum)
    {
        var context = new AnswerContext(requestId, parameters, World.Identity, _time.GetUtcNow());
        var overlay = action switch
        {
            "GetDataExportOrderDetail" => DataExportOrderDetail(ParameterValidator.Int64(parameters, "OrderId") ?? 0, unknownEnum),
            "GetDataTrackJobDegree" => DataTrackJobDegree(ParameterValidator.Int64(parameters, "OrderId") ?? 0, unknownEnum),
            _ => null,
        };

        // An operation given without a shape still gets the success envelope.
        var shape = _shapes.Response(action);
        return shape is null
            ? ($$"""{"RequestId":"{{requestId}}","Success":true}""", null)
            : (_writer.Write(shape, context, overlay), null);
    }

    private Overlay DataExportOrderDetail(long orderId, bool unknownEnum)
    {
        var status = _state.NextExportStatus(orderId);
        return new Overlay
        {
            ["DataExportOrderDetail"] = new Overlay
            {
                ["KeyInfo"] = new Overlay
                {
                    ["PreCheckId"] = orderId + 1000,
                    ["JobStatus"] = unknownEnum ? new Undocumented(FaultResponder.UndocumentedStatus) : status.Value,
                },
                ["OrderDetail"] = new Overlay
                {
                    ["Database"] = World.SearchName,
                    ["ExeSQL"] = "SELECT * FROM orders",
                    ["ActualAffectRows"] = status == Api.DataExportJobStatus.ExportSuccess ? 42 : 0,
                },
            },
        };
    }

    private Overlay DataTrackJobDegree(long orderId, bool unknownEnum)
    {
        var step = _state.NextTrackStep(orderId);
        return new Overlay
        {
            ["JobDegree"] = new Overlay
            {
                ["ListCompletionDegree"] = step.List,
                ["DownloadCompletionDegree"] = step.Download,
                ["FilterCompletionDegree"] = step.Filter,
                ["JobStatus"] = unknownEnum ? new Undocumented(FaultResponder.UndocumentedStatus) : step.Status.Value,
                ["StatusDesc"] = step.Description,
            },
        };
    }
}
