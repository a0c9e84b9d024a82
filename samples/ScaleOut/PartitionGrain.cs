using CustomerMetrics.Value;

namespace CustomerMetrics.ScaleOut;

/// <summary>
/// Owns one partition in memory. Nothing is persisted: if the grain is re-activated (its silo stopped, or it was idle
/// and collected) it holds no data and answers with an empty load token, so the coordinator reloads it rather than
/// merge a partial result.
/// </summary>
public sealed class PartitionGrain(ILocalSiloDetails silo) : Grain, IPartitionGrain
{
    private PartitionData _data = new(SurveyColumns.Empty, [], TransactionColumns.Empty);
    private Guid _loadId;

    public Task Load(Guid loadId, PartitionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        (_data, _loadId) = (data, loadId);
        return Task.CompletedTask;
    }

    public Task<PartitionResult> Analyse(AnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(PartitionAnalysis.Compute(_data, request, _loadId, silo.SiloAddress.ToString()));
    }

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());

    public Task<PredictionResult> Predict(PredictionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RfmSummary rfm = PartitionAnalysis.Summarize(_data.Transactions, DateOnly.FromDayNumber(request.ThroughDay));
        (int[] ids, double[] expected, double[] alive, double[] clv) = PartitionAnalysis.Predict(rfm, request);
        return Task.FromResult(new PredictionResult(_loadId, ids, expected, alive, clv));
    }
}
