using System.Globalization;
using System.Numerics;
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

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0; <paramref name="why"/> says why 0 is excluded.</summary>
    public static void PositiveFinite(double value, string why = "", [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "finite numbers > 0" + (why.Length == 0 ? "" : "; " + why));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in (0, 1]; <paramref name="why"/> says why 0 is excluded.</summary>
    public static void PositiveFraction(double value, string why = "", [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value > 0 && value <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "fractions in (0, 1]" + (why.Length == 0 ? "" : "; " + why));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [0, 1) (a retention rate: 1 would never end).</summary>
    public static void FractionBelowOne(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value >= 0 && value < 1))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "fractions in [0, 1)");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [0, 1].</summary>
    public static void Fraction(decimal value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value < 0 || value > 1)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, "fractions from 0 to 1 inclusive (0.3 for 30 %)");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void InRange(long value, long min, long max, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value < min || value > max)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, string.Create(CultureInfo.InvariantCulture, $"{min} to {max} inclusive"));
        }
    }

    /// <summary>Throws unless the count <paramref name="part"/> lies in [0, <paramref name="whole"/>] (retained ≤ customers).</summary>
    public static void PartOf(long part, long whole,
        [CallerArgumentExpression(nameof(part))] string partName = "",
        [CallerArgumentExpression(nameof(whole))] string wholeName = "")
    {
        if (part < 0 || part > whole)
        {
            ThrowHelper.ArgumentOutOfRange(partName, part, string.Create(CultureInfo.InvariantCulture, $"counts from 0 to {wholeName} = {whole}"));
        }
    }

    /// <summary>Throws unless every element is finite, naming the first bad index.</summary>
    public static void AllFinite(ReadOnlySpan<double> values, [CallerArgumentExpression(nameof(values))] string paramName = "")
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                ThrowHelper.ValueOutOfRange(paramName, i, values[i], "finite numbers");
            }
        }
    }

    /// <summary>
    /// Throws unless every element is finite and ≥ 0 (or NaN, when <paramref name="allowNaN"/>), naming the first bad index.
    /// </summary>
    public static void AllNonNegativeFinite(ReadOnlySpan<double> values, bool allowNaN = false, [CallerArgumentExpression(nameof(values))] string paramName = "")
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v >= 0 && v < double.PositiveInfinity) && !(allowNaN && double.IsNaN(v)))
            {
                ThrowHelper.ValueOutOfRange(paramName, i, v, allowNaN ? "finite numbers ≥ 0, or NaN" : "finite numbers ≥ 0");
            }
        }
    }

    /// <summary>Throws unless the money amount is finite (decimal always is; NaN and ±∞ are not money).</summary>
    public static void FiniteMoney<T>(T value, [CallerArgumentExpression(nameof(value))] string paramName = "")
        where T : struct, INumber<T>
    {
        if (!T.IsFinite(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, double.CreateSaturating(value), "finite amounts");
        }
    }

    /// <summary>Throws unless the money amount is finite and ≥ 0.</summary>
    public static void NonNegativeMoney<T>(T value, [CallerArgumentExpression(nameof(value))] string paramName = "")
        where T : struct, INumber<T>
    {
        if (!T.IsFinite(value) || value < T.Zero)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, Text(value), "finite amounts ≥ 0");
        }
    }

    /// <summary>A merged or summed money amount: throws <see cref="OverflowException"/> when a double sum reached ±∞.</summary>
    public static T FiniteSum<T>(T sum, string what)
        where T : struct, INumber<T>
    {
        if (!T.IsFinite(sum))
        {
            ThrowHelper.Overflow(what + " overflows the range of " + typeof(T).Name + " (the sum is " + Text(sum) + ").");
        }

        return sum;
    }

    /// <summary>The checked sum of counts; throws <see cref="OverflowException"/> naming them when it exceeds <see cref="long.MaxValue"/>.</summary>
    public static long Total(string names, params ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (long count in counts)
        {
            if (count > long.MaxValue - total)
            {
                ThrowHelper.Overflow(string.Create(CultureInfo.InvariantCulture,
                    $"{names} = {string.Join(" + ", counts.ToArray())} exceeds {long.MaxValue}."));
            }

            total += count;
        }

        return total;
    }

    /// <summary>Throws unless <paramref name="value"/> is a named member of <typeparamref name="TEnum"/>.</summary>
    public static void Defined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string paramName = "")
        where TEnum : struct, Enum
    {
        if (!EnumMembers<TEnum>.IsDefined(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value.ToString(), string.Join(", ", Enum.GetNames<TEnum>()));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> unless <paramref name="condition"/> holds.</summary>
    public static void Consistent(bool condition, string paramName, string message)
    {
        if (!condition)
        {
            ThrowHelper.Argument(paramName, paramName + ": " + message);
        }
    }

    /// <summary>
    /// As <see cref="Consistent(bool, string, string)"/> with an interpolated message that is formatted (invariant
    /// culture) only when <paramref name="condition"/> fails, so a passing check allocates nothing.
    /// </summary>
    public static void Consistent(bool condition, string paramName,
        [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessage message)
    {
        if (!condition)
        {
            ThrowHelper.Argument(paramName, paramName + ": " + message.ToStringAndClear());
        }
    }

    /// <summary>An interpolated message built only when its condition is false.</summary>
    [InterpolatedStringHandler]
    public ref struct FailureMessage
    {
        private DefaultInterpolatedStringHandler _inner;

        public FailureMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
        {
            shouldAppend = !condition;
            _inner = condition ? default : new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

        public string ToStringAndClear() => _inner.ToStringAndClear();
    }

    private static string Text<T>(T value)
        where T : INumber<T> => value.ToString(null, CultureInfo.InvariantCulture);

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

    /// <summary>
    /// Throws unless Σw² agrees with Σw over <paramref name="count"/> weights: none without weight, and within
    /// [(Σw)² ÷ n, (Σw)²] (Cauchy–Schwarz; relative 1e-9 for rounding; a Σw² that underflowed to 0 is allowed).
    /// </summary>
    public static void SumOfSquaredWeights(double total, double squares, long count, string paramName = "sumOfSquaredWeights")
    {
        Consistent(total > 0 || squares == 0, paramName, $"is {squares:R} but the weights sum to 0.");
        if (total > 0)
        {
            // Divided by Σw so that nothing overflows.
            double ratio = squares / total;
            const double Tolerance = 1e-9;
            Consistent(ratio <= total * (1 + Tolerance) && (ratio * count >= total * (1 - Tolerance) || (squares == 0 && total < 1e-150)),
                paramName, $"is {squares:R}; with Σw = {total:R} over {count} responses it must lie between (Σw)²/n and (Σw)².");
        }
    }
}
