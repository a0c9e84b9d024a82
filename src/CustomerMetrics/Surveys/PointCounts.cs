using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Counts per point of a 1..k rating scale (k ≤ <see cref="PointKernel.MaxPoints"/>), stored inline so that results
/// holding them stay allocation-free. Element <c>i</c> counts rating <c>i + 1</c>.
/// </summary>
[InlineArray(PointKernel.MaxPoints)]
internal struct PointCounts
{
    private long _element0;

    /// <summary>Counts 1..<paramref name="points"/> ratings; throws on the first out-of-scale rating unless lenient.</summary>
    public static PointCounts Tally(ReadOnlySpan<byte> ratings, int points, bool lenient, out long rejected, VectorPath path, string paramName)
    {
        PointCounts counts = default;
        Span<long> span = counts[..points];
        PointKernel.Count(ratings, span, path);
        rejected = ratings.Length - Sum(span);
        if (rejected != 0 && !lenient)
        {
            int index = ratings.IndexOfAnyExceptInRange((byte)1, (byte)points);
            ThrowHelper.ValueOutOfRange(paramName, index, ratings[index], 1, points);
        }

        return counts;
    }

    /// <summary>Copies validated counts (each ≥ 0, exactly <paramref name="points"/> of them).</summary>
    public static PointCounts From(IReadOnlyList<long> counts, int points, string paramName)
    {
        ArgumentNullException.ThrowIfNull(counts, paramName);
        if (counts.Count != points)
        {
            ThrowHelper.Argument(paramName, $"{paramName} has {counts.Count} entries; the scale has {points} points.");
        }

        PointCounts result = default;
        for (int i = 0; i < points; i++)
        {
            if (counts[i] < 0)
            {
                ThrowHelper.ValueOutOfRange(paramName, i, counts[i], 0, long.MaxValue);
            }

            result[i] = counts[i];
        }

        return result;
    }

    public static PointCounts Add(in PointCounts left, in PointCounts right)
    {
        PointCounts sum = default;
        for (int i = 0; i < PointKernel.MaxPoints; i++)
        {
            sum[i] = checked(left[i] + right[i]);
        }

        return sum;
    }

    /// <summary>The checked total of the first <paramref name="points"/> counts and <paramref name="rejected"/>; throws <see cref="OverflowException"/> naming them.</summary>
    public static long Total(in PointCounts counts, int points, long rejected)
    {
        Span<long> all = stackalloc long[PointKernel.MaxPoints + 1];
        ((ReadOnlySpan<long>)counts)[..points].CopyTo(all);
        all[points] = rejected;
        return Guard.Total("counts + rejected", all[..(points + 1)]);
    }

    public static long Sum(ReadOnlySpan<long> counts)
    {
        long sum = 0;
        foreach (long count in counts)
        {
            sum += count;
        }

        return sum;
    }

    /// <summary>The count of one rating; throws naming the valid range when it is off the 1..<paramref name="points"/> scale.</summary>
    public static long CountOf(in PointCounts counts, int points, int rating)
    {
        if ((uint)(rating - 1) >= (uint)points)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(rating), rating, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1 to {points}"));
        }

        return counts[rating - 1];
    }

    /// <summary>Σ counts of ratings <paramref name="from"/>..<paramref name="to"/> inclusive (1-based).</summary>
    public static long Between(in PointCounts counts, int from, int to)
    {
        long sum = 0;
        for (int rating = from; rating <= to; rating++)
        {
            sum += counts[rating - 1];
        }

        return sum;
    }

    /// <summary>Σ rating × count and Σ rating² × count over 1..<paramref name="points"/>.</summary>
    public static (double Sum, double SumOfSquares) Moments(in PointCounts counts, int points)
    {
        double sum = 0, squares = 0;
        for (int rating = 1; rating <= points; rating++)
        {
            sum += (double)rating * counts[rating - 1];
            squares += (double)rating * rating * counts[rating - 1];
        }

        return (sum, squares);
    }

    public static bool Equal(in PointCounts left, in PointCounts right) =>
        ((ReadOnlySpan<long>)left).SequenceEqual(right);

    public static int Hash(in PointCounts counts)
    {
        HashCode hash = default;
        foreach (long count in (ReadOnlySpan<long>)counts)
        {
            hash.Add(count);
        }

        return hash.ToHashCode();
    }

    public static string Format(in PointCounts counts, int points) =>
        string.Join(' ', ((ReadOnlySpan<long>)counts)[..points].ToArray()
            .Select((count, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1}:{count}")));
}
