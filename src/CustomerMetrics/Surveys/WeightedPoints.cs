using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The weight per scale point behind weighted CES and CSAT (element i holds ratings i + 1), with Σw² and the counts:
/// sufficient statistics for the weighted mean, variance and shares, and for Kish's effective sample size.
/// </summary>
internal static class WeightedPoints
{
    /// <summary>Sums the weights per rating 1..points (compensated); off-scale ratings or bad weights throw or are counted.</summary>
    public static double[] Tally(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, int points, bool lenient,
        out double squares, out long count, out long rejected, string ratingsName)
    {
        Guard.SameLength(ratings.Length, weights.Length, ratingsName, nameof(weights));
        Span<double> sums = stackalloc double[points];
        Span<double> compensation = stackalloc double[points];
        sums.Clear();
        compensation.Clear();
        double sq = 0, sqc = 0;
        count = 0;
        rejected = 0;
        for (int i = 0; i < ratings.Length; i++)
        {
            int rating = ratings[i];
            double weight = weights[i];
            if (rating < 1 || rating > points || !(weight >= 0) || double.IsPositiveInfinity(weight))
            {
                if (!lenient)
                {
                    if (rating < 1 || rating > points)
                    {
                        ThrowHelper.ValueOutOfRange(ratingsName, i, rating, 1, points);
                    }

                    ThrowHelper.ValueOutOfRange(nameof(weights), i, weight, "finite numbers ≥ 0");
                }

                rejected++;
                continue;
            }

            count++;
            CompensatedSum.Add(ref sums[rating - 1], ref compensation[rating - 1], weight);
            CompensatedSum.Add(ref sq, ref sqc, weight * weight);
        }

        var result = new double[points];
        for (int k = 0; k < points; k++)
        {
            result[k] = sums[k] + compensation[k];
        }

        squares = sq + sqc;
        return result;
    }

    /// <summary>Checks and copies weights per point: finite, ≥ 0, one per point, and consistent with Σw² and the count.</summary>
    public static double[] Check(IReadOnlyList<double>? pointWeights, int points, double squares, long count, long rejected, string paramName)
    {
        ArgumentNullException.ThrowIfNull(pointWeights, paramName);
        if (pointWeights.Count != points)
        {
            ThrowHelper.Argument(paramName, string.Create(CultureInfo.InvariantCulture,
                $"{paramName} has {pointWeights.Count} elements; the scale has {points} points, one weight each."));
        }

        var copy = new double[points];
        for (int k = 0; k < points; k++)
        {
            double w = pointWeights[k];
            if (!(w >= 0) || double.IsPositiveInfinity(w))
            {
                ThrowHelper.ValueOutOfRange(paramName, k, w, "finite numbers ≥ 0");
            }

            copy[k] = w;
        }

        Guard.NonNegativeFinite(squares, "sumOfSquaredWeights");
        Guard.NonNegative(count, nameof(count));
        Guard.NonNegative(rejected, nameof(rejected));
        _ = Guard.Total("count + rejected", count, rejected);
        double total = Guard.FiniteSum(Total(copy), paramName + " sum");
        Guard.Consistent(count > 0 || total == 0, paramName, $"sum to {total:R} but count is 0; weight needs responses.");
        Guard.SumOfSquaredWeights(total, squares, count);

        return copy;
    }

    public static double Total(ReadOnlySpan<double> pointWeights)
    {
        NeumaierSum sum = default;
        foreach (double w in pointWeights)
        {
            sum.Add(w);
        }

        return sum.Value;
    }

    /// <summary>Σ weights of ratings <paramref name="from"/>..<paramref name="to"/> (1-based, inclusive).</summary>
    public static double Between(ReadOnlySpan<double> pointWeights, int from, int to) => Total(pointWeights[(from - 1)..to]);

    /// <summary>Weighted mean rating; NaN with no weight.</summary>
    public static double Mean(ReadOnlySpan<double> pointWeights)
    {
        double total = Total(pointWeights);
        if (total == 0)
        {
            return double.NaN;
        }

        NeumaierSum sum = default;
        for (int k = 0; k < pointWeights.Length; k++)
        {
            sum.Add((k + 1) * pointWeights[k]);
        }

        return sum.Value / total;
    }

    /// <summary>Σw(x − x̄)² ÷ Σw, from the weights per point (no cancellation); NaN with no weight.</summary>
    public static double Variance(ReadOnlySpan<double> pointWeights)
    {
        double mean = Mean(pointWeights);
        NeumaierSum sum = default;
        for (int k = 0; k < pointWeights.Length; k++)
        {
            double d = k + 1 - mean;
            sum.Add(pointWeights[k] * d * d);
        }

        return sum.Value / Total(pointWeights);
    }

    public static double[] Add(double[]? left, double[]? right, int points)
    {
        var sum = new double[points];
        for (int k = 0; k < points; k++)
        {
            sum[k] = Guard.FiniteSum((left is null ? 0 : left[k]) + (right is null ? 0 : right[k]), "weight per point");
        }

        return sum;
    }

    public static string Format(double[] pointWeights) =>
        string.Join(" ", Enumerable.Range(0, pointWeights.Length).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k + 1}:{pointWeights[k]:G4}")));
}
