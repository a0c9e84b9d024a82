namespace CustomerMetrics.ScaleOut;

/// <summary>A partition could not be computed within the allowed attempts: the run fails rather than merge a partial result.</summary>
public sealed class PartitionFailedException : Exception
{
    public PartitionFailedException()
    {
    }

    public PartitionFailedException(string message)
        : base(message)
    {
    }

    public PartitionFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public PartitionFailedException(int partition, int attempts, string reason, Exception? innerException)
        : base($"Partition {partition} failed after {attempts} attempt(s): {reason}. No result was merged.", innerException) =>
        Partition = partition;

    /// <summary>The partition that failed.</summary>
    public int Partition { get; }
}
