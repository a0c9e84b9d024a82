using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using CustomerMetrics.Internal;

// The original DateOnly overload keeps its optional RfmOptions; the overloads added beside it take every parameter
// explicitly (none optional), so no existing call changes meaning and RS0027's concern does not arise.
[assembly: SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
    Scope = "member", Target = "~M:CustomerMetrics.Value.Rfm.Summarize(System.ReadOnlySpan{System.Int32},System.ReadOnlySpan{System.DateOnly},System.ReadOnlySpan{System.Double},System.DateOnly,CustomerMetrics.Value.RfmOptions)~CustomerMetrics.Value.RfmSummary",
    Justification = "Overloads added beside it have no optional parameters.")]

namespace CustomerMetrics.Value;

/// <summary>
/// RFM summaries from transaction logs as users hold them: any customer key type, <see cref="DateTime"/> and
/// <see cref="DateTimeOffset"/> dates. Dense <see cref="int"/> ids with timestamps go through the same overloads
/// (<c>Rfm.Summarize&lt;int&gt;(ids, timestamps, …)</c>) or through <see cref="CalendarDays"/> into the
/// <see cref="DateOnly"/> overload. Every overload here takes its key map argument explicitly (null builds one), so
/// none competes with the <see cref="DateOnly"/> overload for a call written with collection expressions.
/// </summary>
public static partial class Rfm
{
    /// <summary>
    /// Summarises a transaction log keyed by customer keys of any type (CRM strings, <see cref="long"/> database ids,
    /// <see cref="Guid"/>s): the keys become dense indexes once (<see cref="CustomerKeys{TKey}"/>), the dense
    /// <see cref="int"/> path runs, and the result reads the keys back.
    /// </summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="customers">Customer key of each transaction (not null).</param>
    /// <param name="dates">Date of each transaction.</param>
    /// <param name="amounts">Amount of each transaction, finite.</param>
    /// <param name="observationEnd">The last day of the observation window, inclusive.</param>
    /// <param name="options">Period unit, counting convention and strictness.</param>
    /// <param name="keys">A key map to reuse (every key of <paramref name="customers"/> must be in it), or null to build one from
    /// <paramref name="customers"/> in order of first appearance.</param>
    /// <returns>One row per customer with a transaction on or before the end, in ascending dense-index order.</returns>
    /// <exception cref="ArgumentNullException">A key is null (the message names its index).</exception>
    /// <exception cref="ArgumentException">The spans differ in length, a key is not in <paramref name="keys"/>, or an option is not defined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite, or (strict mode) a date is after the end.</exception>
    /// <remarks>Cost: one hash lookup per row into a pooled index buffer (4 bytes per row), the key map (O(customers)) when
    /// none is given, then the <see cref="int"/> path on compact ids.</remarks>
    public static KeyedRfmSummary<TKey> Summarize<TKey>(ReadOnlySpan<TKey> customers, ReadOnlySpan<DateOnly> dates,
        ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options, CustomerKeys<TKey>? keys)
        where TKey : notnull, IEquatable<TKey>
    {
        Guard.SameLength(customers.Length, dates.Length);
        int[] indexes = ArrayPool<int>.Shared.Rent(customers.Length);
        try
        {
            Span<int> rows = indexes.AsSpan(0, customers.Length);
            keys = CustomerKeys<TKey>.MapRows(customers, rows, keys);
            return new KeyedRfmSummary<TKey>(keys, Summarize(rows, dates, amounts, observationEnd, options));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indexes);
        }
    }

    /// <summary>
    /// Summarises a transaction log keyed by customer keys of any type, with <see cref="DateTime"/> dates (each counts on the
    /// date it shows, whatever its kind; see <see cref="CalendarDays"/>).
    /// </summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="customers">Customer key of each transaction (not null).</param>
    /// <param name="dates">Timestamp of each transaction.</param>
    /// <param name="amounts">Amount of each transaction, finite.</param>
    /// <param name="observationEnd">The last day of the observation window, inclusive.</param>
    /// <param name="options">Period unit, counting convention and strictness.</param>
    /// <param name="keys">A key map to reuse, or null to build one from <paramref name="customers"/>.</param>
    /// <returns>One row per customer with a transaction on or before the end.</returns>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, a key is not in <paramref name="keys"/>, or an option is not defined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite, or (strict mode) a date is after the end.</exception>
    /// <remarks>Cost: as the <see cref="DateOnly"/> keyed overload plus a pooled day buffer.</remarks>
    public static KeyedRfmSummary<TKey> Summarize<TKey>(ReadOnlySpan<TKey> customers, ReadOnlySpan<DateTime> dates,
        ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options, CustomerKeys<TKey>? keys)
        where TKey : notnull, IEquatable<TKey>
    {
        DateOnly[] days = RentDays(dates);
        try
        {
            return Summarize(customers, days.AsSpan(0, dates.Length), amounts, observationEnd, options, keys);
        }
        finally
        {
            ArrayPool<DateOnly>.Shared.Return(days);
        }
    }

    /// <summary>
    /// Summarises a transaction log keyed by customer keys of any type, with instants as dates: each counts on its date in
    /// <paramref name="zone"/> (see <see cref="CalendarDays"/>).
    /// </summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="customers">Customer key of each transaction (not null).</param>
    /// <param name="dates">Instant of each transaction.</param>
    /// <param name="zone">The time zone whose calendar defines a day.</param>
    /// <param name="amounts">Amount of each transaction, finite.</param>
    /// <param name="observationEnd">The last day of the observation window in <paramref name="zone"/>, inclusive.</param>
    /// <param name="options">Period unit, counting convention and strictness.</param>
    /// <param name="keys">A key map to reuse, or null to build one from <paramref name="customers"/>.</param>
    /// <returns>One row per customer with a transaction on or before the end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> or a key is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, a key is not in <paramref name="keys"/>, or an option is not defined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite, or (strict mode) a date is after the end.</exception>
    /// <remarks>Cost: as the <see cref="DateOnly"/> keyed overload plus a pooled day buffer and one zone conversion per row.</remarks>
    public static KeyedRfmSummary<TKey> Summarize<TKey>(ReadOnlySpan<TKey> customers, ReadOnlySpan<DateTimeOffset> dates,
        TimeZoneInfo zone, ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options,
        CustomerKeys<TKey>? keys)
        where TKey : notnull, IEquatable<TKey>
    {
        DateOnly[] days = RentDays(dates, zone);
        try
        {
            return Summarize(customers, days.AsSpan(0, dates.Length), amounts, observationEnd, options, keys);
        }
        finally
        {
            ArrayPool<DateOnly>.Shared.Return(days);
        }
    }

    private static DateOnly[] RentDays(ReadOnlySpan<DateTime> dates)
    {
        DateOnly[] days = ArrayPool<DateOnly>.Shared.Rent(dates.Length);
        CalendarDays.Of(dates, days);
        return days;
    }

    private static DateOnly[] RentDays(ReadOnlySpan<DateTimeOffset> dates, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateOnly[] days = ArrayPool<DateOnly>.Shared.Rent(dates.Length);
        try
        {
            CalendarDays.Of(dates, zone, days);
        }
        catch
        {
            ArrayPool<DateOnly>.Shared.Return(days);
            throw;
        }

        return days;
    }
}
