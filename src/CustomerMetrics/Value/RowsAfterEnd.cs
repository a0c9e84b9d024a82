using System.Text.Json.Serialization;

namespace CustomerMetrics.Value;

/// <summary>What an RFM summary does with transactions dated after the observation end.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RowsAfterEnd>))]
public enum RowsAfterEnd
{
    /// <summary>Leave them out of the summary and count them in <see cref="RfmSummary.ExcludedAfterEnd"/> (the calibration/holdout split).</summary>
    ExcludeAndCount,

    /// <summary>Strict mode: throw an <see cref="ArgumentOutOfRangeException"/> naming the first such row (<c>dates[i]</c>) and its date.</summary>
    Throw,
}
