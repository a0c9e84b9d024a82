using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>Validation shared by the cohort projection's result rows: an estimate and its interval bounds.</summary>
internal static class CohortChecks
{
    /// <summary>
    /// Checks an estimate with its bounds: the estimate is NaN (with both bounds NaN) or in [0, <paramref name="max"/>];
    /// the bounds are both NaN (no interval) or satisfy 0 ≤ lower ≤ estimate ≤ upper ≤ <paramref name="max"/>.
    /// </summary>
    public static void Bracket(double value, double lower, double upper, double max, bool allowNaN, string valueName, string lowerName, string upperName)
    {
        string range = max == double.MaxValue ? "finite values ≥ 0" : string.Create(CultureInfo.InvariantCulture, $"fractions in [0, {max:R}]");
        if (double.IsNaN(value))
        {
            if (!allowNaN)
            {
                ThrowHelper.ArgumentOutOfRange(valueName, value, range);
            }

            if (!double.IsNaN(lower))
            {
                ThrowHelper.ArgumentOutOfRange(lowerName, lower, "NaN (the estimate is NaN)");
            }

            if (!double.IsNaN(upper))
            {
                ThrowHelper.ArgumentOutOfRange(upperName, upper, "NaN (the estimate is NaN)");
            }

            return;
        }

        if (!(value >= 0 && value <= max))
        {
            ThrowHelper.ArgumentOutOfRange(valueName, value, range);
        }

        if (double.IsNaN(lower) && double.IsNaN(upper))
        {
            return;
        }

        if (!(lower >= 0 && lower <= value))
        {
            ThrowHelper.ArgumentOutOfRange(lowerName, lower, string.Create(CultureInfo.InvariantCulture, $"0 to the estimate {value:R} (NaN with the upper bound NaN)"));
        }

        if (!(upper >= value && upper <= max))
        {
            ThrowHelper.ArgumentOutOfRange(upperName, upper, string.Create(CultureInfo.InvariantCulture, $"the estimate {value:R} to {max:R} (NaN with the lower bound NaN)"));
        }
    }
}
