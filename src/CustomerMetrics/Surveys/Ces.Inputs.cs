using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>Convenience overloads over the collections users hold (lists, arrays, query results).</summary>
public static partial class Ces
{
    /// <summary>Customer Effort Score of ratings held in a list, array or any sequence.</summary>
    /// <param name="ratings">The ratings on <paramref name="scale"/>. May be empty.</param>
    /// <param name="scale">The CES scale.</param>
    /// <returns>The same as <see cref="Calculate(ReadOnlySpan{byte}, CesScale)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not defined, or a rating is off the scale (the message names the first such index and value).</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static CesResult Calculate(IEnumerable<byte> ratings, CesScale scale)
    {
        using var buffer = PooledSpan<byte>.From(ratings, nameof(ratings));
        return Calculate(buffer.Span, scale);
    }

    /// <summary>Lenient Customer Effort Score (off-scale entries skipped and counted in <see cref="CesResult.Rejected"/>) of ratings held in a list, array or any sequence.</summary>
    /// <param name="ratings">The entries. May be empty.</param>
    /// <param name="scale">The CES scale.</param>
    /// <returns>The same as <see cref="CalculateLenient(ReadOnlySpan{byte}, CesScale)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not defined.</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static CesResult CalculateLenient(IEnumerable<byte> ratings, CesScale scale)
    {
        using var buffer = PooledSpan<byte>.From(ratings, nameof(ratings));
        return CalculateLenient(buffer.Span, scale);
    }
}
