using CustomerMetrics.Internal;

namespace CustomerMetrics;

/// <summary>
/// Turns timestamps into the calendar days the calculators count in, with the rule that decides the day explicit.
/// </summary>
/// <remarks>
/// <para><b><see cref="DateTime"/></b>: the day is the date the value shows, <c>DateOnly.FromDateTime(value)</c>, whatever its
/// <see cref="DateTime.Kind"/>: a <see cref="DateTimeKind.Utc"/> value counts on its UTC date, a
/// <see cref="DateTimeKind.Local"/> one on its local date, and an <see cref="DateTimeKind.Unspecified"/> one (what
/// <c>DateTime.Parse</c> returns for a CSV column) on the wall-clock date it was written with. No conversion happens:
/// rejecting <c>Unspecified</c> would reject every parsed date, and guessing a zone would move days silently. To count
/// days in another zone, pass <see cref="DateTimeOffset"/>s and the zone.</para>
/// <para><b><see cref="DateTimeOffset"/></b>: an instant; the day is its date in the given <see cref="TimeZoneInfo"/>
/// (<c>TimeZoneInfo.ConvertTime</c>, daylight saving included), so the caller always names the zone that defines a day.</para>
/// <threadsafety>Pure; thread-safe.</threadsafety>
/// </remarks>
public static class CalendarDays
{
    /// <summary>The day of a <see cref="DateTime"/>: the date it shows, whatever its kind.</summary>
    /// <param name="value">The timestamp.</param>
    /// <returns><c>DateOnly.FromDateTime(value)</c>.</returns>
    public static DateOnly Of(DateTime value) => DateOnly.FromDateTime(value);

    /// <summary>The day of an instant in <paramref name="zone"/>.</summary>
    /// <param name="value">The instant.</param>
    /// <param name="zone">The time zone whose calendar defines the day (for example <see cref="TimeZoneInfo.Utc"/>).</param>
    /// <returns>The date of <paramref name="value"/> in <paramref name="zone"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static DateOnly Of(DateTimeOffset value, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return ReferenceEquals(zone, TimeZoneInfo.Utc)
            ? DateOnly.FromDateTime(value.UtcDateTime)
            : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(value, zone).DateTime);
    }

    /// <summary>Writes the day of each <see cref="DateTime"/> (see <see cref="Of(DateTime)"/>) into <paramref name="destination"/>.</summary>
    /// <param name="values">The timestamps.</param>
    /// <param name="destination">At least as long as <paramref name="values"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static void Of(ReadOnlySpan<DateTime> values, Span<DateOnly> destination)
    {
        if (destination.Length < values.Length)
        {
            ThrowHelper.LengthMismatch(nameof(destination), destination.Length, nameof(values), values.Length);
        }

        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = DateOnly.FromDateTime(values[i]);
        }
    }

    /// <summary>Writes the day of each instant in <paramref name="zone"/> into <paramref name="destination"/>.</summary>
    /// <param name="values">The instants.</param>
    /// <param name="zone">The time zone whose calendar defines the day.</param>
    /// <param name="destination">At least as long as <paramref name="values"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static void Of(ReadOnlySpan<DateTimeOffset> values, TimeZoneInfo zone, Span<DateOnly> destination)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (destination.Length < values.Length)
        {
            ThrowHelper.LengthMismatch(nameof(destination), destination.Length, nameof(values), values.Length);
        }

        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = Of(values[i], zone);
        }
    }
}
