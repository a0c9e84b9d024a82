namespace CustomerMetrics.ScaleOut;

/// <summary>A grain that owns one partition of the data (its key is the partition number) and computes its results.</summary>
public interface IPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Replaces the partition's data; <paramref name="loadId"/> is echoed by every later answer.</summary>
    Task Load(Guid loadId, PartitionData data);

    /// <summary>The mergeable results of the partition (survey grid, ledger, cohorts, RFM, compressed likelihood tables).</summary>
    Task<PartitionResult> Analyse(AnalysisRequest request);

    /// <summary>The address of the silo hosting this grain (activating it if needed).</summary>
    Task<string> Silo();

    /// <summary>Predictions and CLV of the partition's customers under models fitted across all partitions.</summary>
    Task<PredictionResult> Predict(PredictionRequest request);
}
