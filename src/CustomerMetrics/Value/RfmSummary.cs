using System.Collections;
using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Per-customer frequency, recency, age and mean spend (recency, frequency, monetary value) (the "RFM summary" that the BG/NBD, Pareto/NBD and
/// Gamma-Gamma models take as input; Fader, Hardie &amp; Lee 2005), one entry per customer in ascending id order,
/// as parallel columns. Built by <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>
/// or from existing columns with <see cref="FromColumns"/>.
/// </summary>
/// <remarks>
/// A class, not a struct: it owns one array per column (memory is linear in the number of customers). The columns are
/// exposed as <see cref="ReadOnlySpan{T}"/> so they pass to model fits without copying. Immutable; thread-safe to read.
/// Summaries of disjoint customer sets do not merge by <c>+</c>: a customer's row needs all of its transactions.
/// <para>
/// Display: the summary enumerates its rows as <see cref="RfmRecord"/> records (an <see cref="IReadOnlyList{T}"/>), so a .NET Interactive
/// (Jupyter or Polyglot) notebook lists it row by row, each row a record you can expand (<c>rows.ToTabularDataResource()</c>, from the
/// kernel's formatting library, shows a column table). The notebook formatter writes out only the first
/// <c>Formatter.ListExpansionLimit</c> items of a sequence (20 by default), so a large result shows its first rows; use LINQ (<c>.Skip(n).Take(k)</c>, <c>.OrderBy(...)</c>)
/// to look further. Enumerating allocates one enumerator and copies one row at a time; the columns stay the fast path.
/// <see cref="ToString"/> stays a one-line summary.
/// </para>
/// </remarks>
public sealed class RfmSummary : IReadOnlyList<RfmRecord>
{
    private readonly int[] _customerIds;
    private readonly double[] _frequency;
    private readonly double[] _recency;
    private readonly double[] _age;
    private readonly double[] _meanSpend;
    private readonly double[] _total;

    internal RfmSummary(int[] customerIds, double[] frequency, double[] recency, double[] age, double[] meanSpend,
        double[] total, PeriodUnit unit, PeriodCounting counting, DateOnly observationEnd, long transactionsUsed,
        long excludedAfterEnd)
    {
        _customerIds = customerIds;
        _frequency = frequency;
        _recency = recency;
        _age = age;
        _meanSpend = meanSpend;
        _total = total;
        Unit = unit;
        Counting = counting;
        ObservationEnd = observationEnd;
        TransactionsUsed = transactionsUsed;
        ExcludedAfterEnd = excludedAfterEnd;
    }

    /// <summary>The number of customers (rows of the summary).</summary>
    public int Count => _customerIds.Length;

    /// <summary>The customer ids, ascending.</summary>
    public ReadOnlySpan<int> CustomerIds => _customerIds;

    /// <summary>Repeat purchases per customer: distinct purchase periods − 1 (whole numbers ≥ 0, as doubles for the models).</summary>
    public ReadOnlySpan<double> Frequency => _frequency;

    /// <summary>Last − first purchase period per customer, in <see cref="Unit"/> (0 for one-time buyers).</summary>
    public ReadOnlySpan<double> Recency => _recency;

    /// <summary>Age T per customer: observation end − first purchase, in <see cref="Unit"/> (the models' T).</summary>
    public ReadOnlySpan<double> Age => _age;

    /// <summary>Mean spend z̄ of the repeat purchase periods per customer (the "monetary value" of RFM); 0 when the customer has no repeat purchase.</summary>
    public ReadOnlySpan<double> MeanSpend => _meanSpend;

    /// <summary>Total spend per customer over all purchase periods up to the observation end.</summary>
    public ReadOnlySpan<double> TotalSpend => _total;

    /// <summary>The time unit of <see cref="Recency"/> and <see cref="Age"/>.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>How dates became periods.</summary>
    public PeriodCounting Counting { get; }

    /// <summary>The last day of the observation (calibration) window, inclusive.</summary>
    public DateOnly ObservationEnd { get; }

    /// <summary>The number of transaction rows summarised.</summary>
    public long TransactionsUsed { get; }

    /// <summary>The number of rows dated after <see cref="ObservationEnd"/> that were left out (0 in strict mode).</summary>
    public long ExcludedAfterEnd { get; }

    /// <summary>The row of the customer at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the summary.</exception>
    public RfmRecord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_customerIds.Length)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"0 to {Count - 1}"));
            }

            return new RfmRecord(_customerIds[index], _frequency[index], _recency[index], _age[index], _meanSpend[index], _total[index]);
        }
    }

    /// <summary>The index of <paramref name="customerId"/> in the summary, or −1 when the customer is absent (binary search).</summary>
    public int IndexOf(int customerId)
    {
        int i = Array.BinarySearch(_customerIds, customerId);
        return i >= 0 ? i : -1;
    }

    /// <summary>
    /// Builds a summary from existing columns (for example a published summary file), after checking them:
    /// ids strictly ascending; frequency a whole number ≥ 0; 0 ≤ recency ≤ age; recency 0 and mean spend 0 when
    /// frequency is 0; mean spend finite. The arrays are copied.
    /// </summary>
    /// <param name="customerIds">Customer ids, strictly ascending.</param>
    /// <param name="frequency">Repeat purchases.</param>
    /// <param name="recency">Last − first purchase period, in <paramref name="unit"/>.</param>
    /// <param name="age">Age T (observation end − first purchase), in <paramref name="unit"/>.</param>
    /// <param name="meanSpend">Mean spend of the repeat periods (0 when frequency is 0).</param>
    /// <param name="unit">The time unit of recency and age.</param>
    /// <param name="observationEnd">The last day of the observation window, when known (only reported).</param>
    /// <returns>The summary; <see cref="TotalSpend"/> is <c>meanSpend × frequency</c> (the first period's spend is unknown), <see cref="TransactionsUsed"/> 0.</returns>
    /// <exception cref="ArgumentException">Lengths differ, or a value breaks a rule above (the message names the column, index and value).</exception>
    public static RfmSummary FromColumns(ReadOnlySpan<int> customerIds, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, PeriodUnit unit, DateOnly observationEnd = default)
    {
        Guard.SameLength(customerIds.Length, frequency.Length);
        Guard.SameLength(customerIds.Length, recency.Length);
        Guard.SameLength(customerIds.Length, age.Length);
        Guard.SameLength(customerIds.Length, meanSpend.Length);
        unit.Validate(nameof(unit));
        var total = new double[customerIds.Length];
        for (int i = 0; i < customerIds.Length; i++)
        {
            if (i > 0 && customerIds[i] <= customerIds[i - 1])
            {
                ThrowHelper.ValueOutOfRange(nameof(customerIds), i, customerIds[i], (long)customerIds[i - 1] + 1, int.MaxValue);
            }

            double x = frequency[i], r = recency[i], ageI = age[i], m = meanSpend[i];
            if (!(x >= 0) || double.IsInfinity(x) || x != Math.Floor(x))
            {
                ThrowHelper.ValueOutOfRange(nameof(frequency), i, x, "whole numbers ≥ 0");
            }

            if (!(ageI >= 0) || double.IsInfinity(ageI))
            {
                ThrowHelper.ValueOutOfRange(nameof(age), i, ageI, "finite numbers ≥ 0");
            }

            if (!(r >= 0 && r <= ageI))
            {
                ThrowHelper.ValueOutOfRange(nameof(recency), i, r, string.Create(CultureInfo.InvariantCulture, $"0 to the age T = {ageI:R}"));
            }

            if (!double.IsFinite(m))
            {
                ThrowHelper.ValueOutOfRange(nameof(meanSpend), i, m, "finite numbers");
            }

            if (x == 0 && (r != 0 || m != 0))
            {
                ThrowHelper.ValueOutOfRange(r != 0 ? nameof(recency) : nameof(meanSpend), i, r != 0 ? r : m,
                    "0 for a customer without repeat purchases");
            }

            total[i] = m * x;
        }

        return new RfmSummary(customerIds.ToArray(), frequency.ToArray(), recency.ToArray(), age.ToArray(), meanSpend.ToArray(),
            total, unit, PeriodCounting.FractionalDays, observationEnd, 0, 0);
    }

    /// <summary>Enumerates the rows in ascending customer id order, as <see cref="this[int]"/> reads them.</summary>
    /// <returns>An enumerator over <see cref="Count"/> rows; none for an empty summary.</returns>
    public IEnumerator<RfmRecord> GetEnumerator()
    {
        for (int i = 0; i < _customerIds.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"RfmSummary: 2357 customers, unit week, end 1997-09-30, 4700 transactions used, 2219 after the end excluded".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RfmSummary: {Count} customers, unit {Unit}, end {ObservationEnd:yyyy-MM-dd}, {TransactionsUsed} transactions used, {ExcludedAfterEnd} after the end excluded");
}
