using CustomerMetrics.Internal;

namespace CustomerMetrics.Service;

/// <summary>The Wilson interval as the service results report it.</summary>
internal static class ServiceRates
{
    public static double Rate(long successes, long trials) => trials == 0 ? double.NaN : (double)successes / trials;

    public static ConfidenceInterval Wilson(long successes, long trials, double confidenceLevel, string emptyMessage)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        if (trials == 0)
        {
            ThrowHelper.InvalidOperation(emptyMessage);
        }

        (double lower, double upper) = Stats.Wilson(successes, trials, Stats.TwoSidedZ(confidenceLevel));
        return new ConfidenceInterval(lower, upper, confidenceLevel);
    }
}
