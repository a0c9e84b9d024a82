using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>Convenience overloads over the collections users hold (lists, arrays, query results).</summary>
public static partial class Nps
{
    /// <summary>Counts promoters, passives and detractors in 0–10 scores held in a list, array or any sequence.</summary>
    /// <param name="scores">The responses, each 0 to 10. May be empty.</param>
    /// <returns>The same as <see cref="Calculate(ReadOnlySpan{byte})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is above 10; the message names the first such index (position in the sequence) and its value.</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static NpsResult Calculate(IEnumerable<byte> scores)
    {
        using var buffer = PooledSpan<byte>.From(scores, nameof(scores));
        return Calculate(buffer.Span);
    }

    /// <summary>Counts promoters, passives and detractors in 0–10 integer scores held in a list, array or any sequence.</summary>
    /// <param name="scores">The responses, each 0 to 10. May be empty.</param>
    /// <returns>The same as <see cref="Calculate(ReadOnlySpan{int})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is negative or above 10; the message names the first such index and its value.</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static NpsResult Calculate(IEnumerable<int> scores)
    {
        using var buffer = PooledSpan<int>.From(scores, nameof(scores));
        return Calculate(buffer.Span);
    }

    /// <summary>Lenient count (off-scale entries skipped and counted in <see cref="NpsResult.Rejected"/>) of byte entries held in a list, array or any sequence.</summary>
    /// <param name="scores">The entries. May be empty.</param>
    /// <returns>The same as <see cref="CalculateLenient(ReadOnlySpan{byte})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static NpsResult CalculateLenient(IEnumerable<byte> scores)
    {
        using var buffer = PooledSpan<byte>.From(scores, nameof(scores));
        return CalculateLenient(buffer.Span);
    }

    /// <summary>Lenient count (entries outside 0–10 skipped and counted in <see cref="NpsResult.Rejected"/>) of integer entries held in a list, array or any sequence.</summary>
    /// <param name="scores">The entries. May be empty.</param>
    /// <returns>The same as <see cref="CalculateLenient(ReadOnlySpan{int})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static NpsResult CalculateLenient(IEnumerable<int> scores)
    {
        using var buffer = PooledSpan<int>.From(scores, nameof(scores));
        return CalculateLenient(buffer.Span);
    }
}
