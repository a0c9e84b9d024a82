namespace CustomerMetrics.Service;

/// <summary>
/// Request size limits. A body over <see cref="MaxRequestBodyBytes"/> or an array over <see cref="MaxArrayLength"/>
/// elements is answered 413 with a problem document naming the limit, before any metric is computed.
/// </summary>
public static class ServiceLimits
{
    /// <summary>The largest request body accepted, in bytes (8 MiB): Kestrel's <c>MaxRequestBodySize</c>, and checked
    /// against <c>Content-Length</c> by the service itself so that every host (and the test server) enforces it.</summary>
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    /// <summary>The most elements accepted in one array (scores, ratings, MRR snapshots, transactions): 1,000,000.</summary>
    public const int MaxArrayLength = 1_000_000;
}
