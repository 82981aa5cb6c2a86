using System;
using System.Collections.Generic;
using Dms.Codegen.Emulator.Api;
using Dms.Codegen.Emulator.Faults;
using Dms.Codegen.Emulator.State;
using Dms.Codegen.Json;

namespace Dms.Codegen.Emulator;

/// <summary>
/// Builds each operation's answer with the types generated from its spec, so every response has exactly
/// the documented shape. Operations without a state machine answer with the bare success envelope.
/// </summary>
internal sealed class OperationHandlers
{
    private readonly EmulatorState _state;

    public OperationHandlers(EmulatorState state) => _state = state;

    public string Answer(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, string requestId, bool unknownEnum) => action switch
    {
        "GetDataExportOrderDetail" => DataExportOrderDetail(ParameterValidator.Int64(parameters, "OrderId") ?? 0, requestId, unknownEnum),
        "GetDataTrackJobDegree" => DataTrackJobDegree(ParameterValidator.Int64(parameters, "OrderId") ?? 0, requestId, unknownEnum),
        _ => $$"""{"RequestId":"{{requestId}}","Success":true}""",
    };

    private string DataExportOrderDetail(long orderId, string requestId, bool unknownEnum)
    {
        var status = unknownEnum ? new DataExportJobStatus(FaultResponder.UndocumentedStatus) : _state.NextExportStatus(orderId);
        var response = new GetDataExportOrderDetailResponse
        {
            RequestId = requestId,
            Success = true,
            DataExportOrderDetail = new GetDataExportOrderDetailResponse.Types.DataExportOrderDetail
            {
                KeyInfo = new GetDataExportOrderDetailResponse.Types.KeyInfo { PreCheckId = orderId + 1000, JobStatus = status },
                OrderDetail = new GetDataExportOrderDetailResponse.Types.OrderDetail
                {
                    DbId = 123,
                    Database = "emulator@127.0.0.1:3306",
                    Classify = "text",
                    ExeSQL = "SELECT * FROM orders",
                    Logic = false,
                    ActualAffectRows = status == DataExportJobStatus.ExportSuccess ? 42 : 0,
                    IgnoreAffectRows = false,
                    IgnoreAffectRowsReason = string.Empty,
                    EnvType = "dev",
                },
            },
        };
        return DmsJson.Serialize(response);
    }

    private string DataTrackJobDegree(long orderId, string requestId, bool unknownEnum)
    {
        var step = _state.NextTrackStep(orderId);
        var response = new GetDataTrackJobDegreeResponse
        {
            RequestId = requestId,
            Success = true,
            JobDegree = new GetDataTrackJobDegreeResponse.Types.JobDegree
            {
                ListCompletionDegree = step.List,
                DownloadCompletionDegree = step.Download,
                FilterCompletionDegree = step.Filter,
                JobStatus = unknownEnum ? new DataTrackJobStatus(FaultResponder.UndocumentedStatus) : step.Status,
                StatusDesc = step.Description,
            },
        };
        return DmsJson.Serialize(response);
    }
}
