using System.Diagnostics.CodeAnalysis;
using CustomerMetrics.Internal;

// The span overloads keep their optional scale; the sequence overloads beside them take every parameter explicitly.
[assembly: SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
    Scope = "member", Target = "~M:CustomerMetrics.Surveys.Csat.Calculate(System.ReadOnlySpan{System.Byte},System.Int32)~CustomerMetrics.Surveys.CsatResult",
    Justification = "Overloads added beside it have no optional parameters.")]
[assembly: SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
    Scope = "member", Target = "~M:CustomerMetrics.Surveys.Csat.CalculateLenient(System.ReadOnlySpan{System.Byte},System.Int32)~CustomerMetrics.Surveys.CsatResult",
    Justification = "Overloads added beside it have no optional parameters.")]

namespace CustomerMetrics.Surveys;

/// <summary>Convenience overloads over the collections users hold (lists, arrays, query results).</summary>
public static partial class Csat
{
    /// <summary>CSAT on a 5-point scale (top box 4–5) of ratings held in a list, array or any sequence; see <see cref="Calculate(IEnumerable{byte}, int)"/>.</summary>
    /// <param name="ratings">The responses, each from 1 to 5. May be empty.</param>
    /// <returns>The same as <see cref="Calculate(ReadOnlySpan{byte}, int)"/> with 5 points.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off the scale (the message names the first such index and value).</exception>
    public static CsatResult Calculate(IEnumerable<byte> ratings) => Calculate(ratings, 5);

    /// <summary>Lenient CSAT on a 5-point scale of ratings held in a list, array or any sequence; see <see cref="CalculateLenient(IEnumerable{byte}, int)"/>.</summary>
    /// <param name="ratings">The entries. May be empty.</param>
    /// <returns>The same as <see cref="CalculateLenient(ReadOnlySpan{byte}, int)"/> with 5 points.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    public static CsatResult CalculateLenient(IEnumerable<byte> ratings) => CalculateLenient(ratings, 5);

    /// <summary>CSAT with the conventional top box of ratings held in a list, array or any sequence.</summary>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>. May be empty.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10.</param>
    /// <returns>The same as <see cref="Calculate(ReadOnlySpan{byte}, int)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box, or a rating is off the scale (the message names the first such index and value).</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static CsatResult Calculate(IEnumerable<byte> ratings, int scalePoints)
    {
        using var buffer = PooledSpan<byte>.From(ratings, nameof(ratings));
        return Calculate(buffer.Span, scalePoints);
    }

    /// <summary>Lenient CSAT (off-scale entries skipped and counted in <see cref="CsatResult.Rejected"/>) of ratings held in a list, array or any sequence.</summary>
    /// <param name="ratings">The entries. May be empty.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10.</param>
    /// <returns>The same as <see cref="CalculateLenient(ReadOnlySpan{byte}, int)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box.</exception>
    /// <remarks>
    /// Cost: an array or a <see cref="List{T}"/> is viewed in place (<c>CollectionsMarshal.AsSpan</c>): no copy, no allocation. Any
    /// other sequence is copied once into an array rented from <c>ArrayPool</c> and returned before this method returns
    /// (no garbage after warm-up; one pass over the sequence plus a copy). Prefer the span overload when you hold a span.
    /// </remarks>
    public static CsatResult CalculateLenient(IEnumerable<byte> ratings, int scalePoints)
    {
        using var buffer = PooledSpan<byte>.From(ratings, nameof(ratings));
        return CalculateLenient(buffer.Span, scalePoints);
    }
}
