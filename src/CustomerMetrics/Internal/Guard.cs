using System.Runtime.CompilerServices;

namespace CustomerMetrics.Internal;

/// <summary>Argument checks shared by every calculator; each failure goes through <see cref="ThrowHelper"/>.</summary>
internal static class Guard
{
    /// <summary>Throws unless <paramref name="value"/> is finite (not NaN, not ±∞).</summary>
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!double.IsFinite(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "finite numbers");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static void NonNegativeFinite(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "finite numbers ≥ 0");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static void PositiveFinite(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "finite numbers > 0");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is NaN (not available) or finite and ≥ 0 (a standard error).</summary>
    public static void NaNOrNonNegativeFinite(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!double.IsNaN(value) && (!(value >= 0) || double.IsPositiveInfinity(value)))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "NaN (not available) or finite numbers ≥ 0");
        }
    }

    /// <summary>Throws when <paramref name="value"/> is ±∞ (NaN, meaning not available, is allowed).</summary>
    public static void NaNOrFinite(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (double.IsInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "NaN (not available) or finite numbers");
        }
    }

    /// <summary>Throws unless a destination span of <paramref name="destinationLength"/> elements can hold <paramref name="required"/> results.</summary>
    public static void DestinationLength(int destinationLength, int required, string paramName = "destination")
    {
        if (destinationLength < required)
        {
            ThrowHelper.Argument(paramName, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{paramName} has {destinationLength} elements but {required} results are written; it must be at least that long."));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> ≥ 0.</summary>
    public static void NonNegative(long value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value < 0)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "counts ≥ 0");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> ≥ 0.</summary>
    public static void NonNegative(decimal value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value < 0)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "amounts ≥ 0");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [0, 1].</summary>
    public static void Fraction(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value >= 0 && value <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "fractions from 0 to 1 inclusive");
        }
    }

    /// <summary>Throws unless the confidence level lies strictly between 0 and 1.</summary>
    public static void ConfidenceLevel(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value > 0 && value < 1))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "levels strictly between 0 and 1 (0.95 for 95 %)");
        }
    }

    /// <summary>Throws unless the two spans have the same length.</summary>
    public static void SameLength(int length, int otherLength,
        [CallerArgumentExpression(nameof(length))] string paramName = "",
        [CallerArgumentExpression(nameof(otherLength))] string otherName = "")
    {
        if (length != otherLength)
        {
            ThrowHelper.LengthMismatch(StripLength(paramName), length, StripLength(otherName), otherLength);
        }
    }

    private static string StripLength(string expression) =>
        expression.EndsWith(".Length", StringComparison.Ordinal) ? expression[..^".Length".Length] : expression;
}
