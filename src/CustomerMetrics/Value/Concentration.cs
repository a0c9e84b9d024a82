using System.Buffers;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// How concentrated value is across customers (the "80/20 rule"): the share held by the top x % of customers, the
/// Lorenz curve and the Gini coefficient, from one value per customer (revenue or CLV in one currency and period).
/// </summary>
/// <remarks>
/// <para>Cost: each call copies the values into a pooled buffer and sorts it, O(n log n) time and n doubles of
/// pooled memory (no allocation once the pool is warm); the Gini's jackknife variance adds one O(n) pass. Call once
/// per figure, or pass <see cref="Lorenz"/> n + 1 points to get every vertex from one sort.</para>
/// <para>Inputs: values finite and ≥ 0. Negative values (refunds outweighing purchases) are rejected: with them the
/// Gini can exceed 1 and shares leave [0, 1]; clip or drop them first and say so. Zeros are customers with no value
/// and count (they raise concentration). Ties need no rule: the order among equal values changes no figure. An empty
/// span or a total of 0 gives NaN shares and a NaN Gini (undefined, never 0).</para>
/// </remarks>
public static class Concentration
{
    /// <summary>The Gini coefficient of value per customer with its jackknife variance (see <see cref="GiniResult"/>).</summary>
    /// <param name="values">One value per customer, finite and ≥ 0. May be empty.</param>
    /// <returns>The result; <see cref="GiniResult.Gini"/> is NaN when empty or every value is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite (the message names the index and value).</exception>
    /// <exception cref="OverflowException">The total exceeds the double range.</exception>
    public static GiniResult Gini(ReadOnlySpan<double> values)
    {
        double[] buffer = SortedCopy(values);
        try
        {
            return GiniOfSorted(buffer.AsSpan(0, values.Length));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Share of the total value held by the top <paramref name="customerShare"/> of customers (0.2 → the top 20 %),
    /// read off the Lorenz curve: 1 − L(1 − x). When x × n is not a whole number the boundary customer counts in part
    /// (the curve is linear between customers), so the share is continuous in x.
    /// </summary>
    /// <param name="values">One value per customer, finite and ≥ 0. May be empty.</param>
    /// <param name="customerShare">x, the share of customers from the top, a fraction in [0, 1].</param>
    /// <returns>The value share, a fraction in [0, 1]; NaN when empty or every value is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite, or <paramref name="customerShare"/> is outside [0, 1].</exception>
    /// <exception cref="OverflowException">The total exceeds the double range.</exception>
    public static double TopShare(ReadOnlySpan<double> values, double customerShare)
    {
        Guard.Fraction(customerShare);
        double[] buffer = SortedCopy(values);
        try
        {
            ReadOnlySpan<double> sorted = buffer.AsSpan(0, values.Length);
            double total = CompensatedSum.Sum(sorted);
            return total > 0 ? 1 - LorenzAt(sorted, total, 1 - customerShare) : double.NaN;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes <c>destination.Length</c> points of the Lorenz curve at evenly spaced customer shares 0, 1/(k − 1), …, 1
    /// (linear between customers). With k = n + 1 the points are exactly the curve's vertices (i/n, share of the bottom i).
    /// </summary>
    /// <param name="values">One value per customer, finite and ≥ 0. May be empty (every value share is then NaN).</param>
    /// <param name="destination">Where the points go; length k ≥ 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has fewer than 2 elements.</exception>
    /// <exception cref="OverflowException">The total exceeds the double range.</exception>
    public static void Lorenz(ReadOnlySpan<double> values, Span<LorenzPoint> destination)
    {
        Guard.DestinationLength(destination.Length, 2);
        double[] buffer = SortedCopy(values);
        try
        {
            ReadOnlySpan<double> sorted = buffer.AsSpan(0, values.Length);
            double total = CompensatedSum.Sum(sorted);
            int k = destination.Length, n = sorted.Length;
            NeumaierSum bottom = default;
            int counted = 0;
            for (int j = 0; j < k; j++)
            {
                double p = j == k - 1 ? 1 : (double)j / (k - 1);
                double position = p * n;
                int whole = Math.Min(n, (int)Math.Floor(position));
                while (counted < whole)
                {
                    bottom.Add(sorted[counted++]);
                }

                double share = whole < n ? (bottom.Value + ((position - whole) * sorted[whole])) / total : bottom.Value / total;
                destination[j] = new LorenzPoint(p, total > 0 ? Math.Clamp(share, 0, 1) : double.NaN);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>L(p) on sorted values with total &gt; 0: the bottom share with the boundary customer in part.</summary>
    private static double LorenzAt(ReadOnlySpan<double> sorted, double total, double p)
    {
        int n = sorted.Length;
        double position = p * n;
        int whole = Math.Min(n, (int)Math.Floor(position));
        double bottom = CompensatedSum.Sum(sorted[..whole]);
        if (whole < n)
        {
            bottom += (position - whole) * sorted[whole];
        }

        return Math.Clamp(bottom / total, 0, 1);
    }

    /// <summary>The Gini and its O(n) jackknife on ascending values ≥ 0.</summary>
    internal static GiniResult GiniOfSorted(ReadOnlySpan<double> sorted)
    {
        int n = sorted.Length;
        if (n == 0)
        {
            return default;
        }

        // W = Σ (2i − n − 1) x₍ᵢ₎ (i from 1) = Σ over pairs |xᵢ − xⱼ|.
        NeumaierSum total = default, weighted = default;
        for (int i = 0; i < n; i++)
        {
            total.Add(sorted[i]);
            weighted.Add(((2.0 * i) + 1 - n) * sorted[i]);
        }

        double s = total.Value, w = Math.Max(0, weighted.Value);
        if (!double.IsFinite(s) || !double.IsFinite(w))
        {
            ThrowHelper.Overflow("The total of the values exceeds the double range.");
        }

        return new GiniResult(n, s, Math.Min(w, (n - 1.0) * s), JackknifeVariance(sorted, s, w));
    }

    /// <summary>
    /// Leaving out x₍ₖ₎ (k from 1) shifts the rank weights of the values below it up by 1 and of those above down by 1:
    /// W₍₋ₖ₎ = W − (2k − n − 1) x₍ₖ₎ + L_k − R_k with L_k, R_k the sums below and above, and G₍₋ₖ₎ = W₍₋ₖ₎ ÷ ((n − 1)(S − x₍ₖ₎)).
    /// Welford's update accumulates the spread of the n leave-one-out values.
    /// </summary>
    private static double JackknifeVariance(ReadOnlySpan<double> sorted, double total, double weighted)
    {
        int n = sorted.Length;
        if (n < 3)
        {
            return double.NaN;
        }

        NeumaierSum below = default;
        double mean = 0, squares = 0;
        for (int k = 0; k < n; k++)
        {
            double x = sorted[k], rest = total - x;
            if (!(rest > 0))
            {
                return double.NaN;
            }

            double l = below.Value, r = rest - l;
            double g = (weighted - (((2.0 * k) + 1 - n) * x) + l - r) / ((n - 1.0) * rest);
            double delta = g - mean;
            mean += delta / (k + 1);
            squares += delta * (g - mean);
            below.Add(x);
        }

        return squares * (n - 1.0) / n;
    }

    /// <summary>Copies the values into a pooled buffer, checking each, and sorts the copy ascending.</summary>
    private static double[] SortedCopy(ReadOnlySpan<double> values)
    {
        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, values.Length));
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (!(x >= 0) || double.IsPositiveInfinity(x))
            {
                ArrayPool<double>.Shared.Return(buffer);
                ThrowHelper.ValueOutOfRange(nameof(values), i, x, "finite values ≥ 0 (negative values: clip or drop them first)");
            }

            buffer[i] = x;
        }

        buffer.AsSpan(0, values.Length).Sort();
        return buffer;
    }
}
