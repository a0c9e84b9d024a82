using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// RFM (recency, frequency, monetary value) from a transaction log: the per-customer summary used by the
/// "buy till you die" models and the quintile scores and named segments used to prioritise customers.
/// </summary>
/// <remarks>
/// Definitions of the summary follow Fader, Hardie &amp; Lee (2005), <i>"Counting Your Customers" the Easy Way</i>,
/// Marketing Science 24(2), and the <c>lifetimes</c> package's <c>summary_data_from_transaction_data</c>:
/// purchases in the same period merge; frequency = distinct purchase periods − 1; recency = last − first purchase
/// period; T = observation end − first purchase; monetary value = mean spend of the repeat periods (0 when none).
/// </remarks>
public static partial class Rfm
{
    /// <summary>
    /// Summarises a transaction log per customer. The rows need not be sorted.
    /// </summary>
    /// <param name="customerIds">Customer id of each transaction.</param>
    /// <param name="dates">Date of each transaction.</param>
    /// <param name="amounts">Amount of each transaction (money, any currency). Negative amounts (refunds) are allowed
    /// and net into the spend of their period; a row still marks a purchase period whatever its sign.</param>
    /// <param name="observationEnd">The last day of the observation (calibration) window, inclusive.</param>
    /// <param name="options">Period unit, counting convention and strictness (<c>default</c>: days, rows after the end excluded and counted).</param>
    /// <returns>One row per customer with a transaction on or before <paramref name="observationEnd"/>, in ascending id order;
    /// an empty summary for an empty log.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or an option is not a defined value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite, or (with <see cref="RowsAfterEnd.Throw"/>) a date is
    /// after <paramref name="observationEnd"/>; the message names the argument, index and value.</exception>
    /// <remarks>
    /// Sums are double precision with Neumaier compensation. Cost: O(n) plus a sort of any customer whose rows are not in
    /// date order. Memory: the output columns (44 bytes per customer); with ids in a compact range (max − min ≤ rows +
    /// 65,536) and the log in date order, up to 2²⁵ rows in the window, pooled scratch of about 12 bytes per row and 16 bits
    /// per id in the range (one global partition by id block, each block's state in cache); otherwise a pooled running state
    /// of 48 bytes per id in the range, plus pooled scratch of 16 bytes per row for a chunk of
    /// at most max(2²⁰, 4 × id range) rows when the log is in date order (memory bounded by customers) or for every row
    /// otherwise (twice that when the id range is split across two cores); with ids spread
    /// wider, a dictionary of the distinct ids and 12 bytes of pooled scratch per row. A log sorted by customer instead
    /// (ascending ids, each customer's rows in date order, rows after the end anywhere; the CDNOW file's layout) takes one
    /// pass more over ids and dates to confirm that order and count customers, then one pass with no scratch (each on two
    /// cores from 2¹⁸ rows, the log cut between two customers), whatever the id range. Allocates the result (and that dictionary).
    /// <para>Cores: from 2¹⁸ rows the first pass over the rows and, with ids in a compact range, the partition and the
    /// per-customer updates run on two cores (<c>Internal/ForkJoin</c>, allocation-free); every customer's rows still reach its
    /// state in row order on one thread, so results are bit-identical to one core.</para>
    /// <para>Thread safety: pure; concurrent calls are safe.</para>
    /// </remarks>
    public static RfmSummary Summarize(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
        DateOnly observationEnd, RfmOptions options = default) =>
        SummarizeCore(customerIds, dates, amounts, observationEnd, options, DefaultForkRows);

    /// <summary>
    /// <see cref="Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/> with the
    /// fork threshold exposed: with ids in a compact range and at least <paramref name="forkRows"/> rows in the window, the
    /// id range is split in two halves processed on both cores (<c>int.MaxValue</c>: one core). Results are bit-identical.
    /// <paramref name="previousOrderedPath"/> runs date-ordered rows through the previous path (chunks of 2²⁰ rows, each id half
    /// reading every row, first pass on one core): the reference the tests and benchmarks compare the current path with.
    /// <paramref name="chunkedOrderedPath"/> runs them through the chunked path (<see cref="ApplyOrdered"/>), taken when the
    /// log has more than <paramref name="partitionRows"/> rows in the window, instead of the global partition.
    /// <paramref name="customerRunsPath"/> false sends logs sorted by customer (not by date) to the counting-sort paths instead
    /// of the one-pass customer-run path (<see cref="TrySummarizeCustomerRuns"/>).
    /// </summary>
    internal static RfmSummary SummarizeCore(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
        DateOnly observationEnd, RfmOptions options, int forkRows, bool previousOrderedPath = false, bool chunkedOrderedPath = false,
        int partitionRows = DefaultPartitionRows, bool writeCombine = true, bool customerRunsPath = true)
    {
        Guard.SameLength(customerIds.Length, dates.Length);
        Guard.SameLength(customerIds.Length, amounts.Length);
        options.Unit.Validate("options.Unit");
        if (options.Counting is not (PeriodCounting.FractionalDays or PeriodCounting.WholePeriods))
        {
            ThrowHelper.ArgumentOutOfRange("options.Counting", (long)options.Counting, "FractionalDays or WholePeriods");
        }

        if (options.AfterEnd is not (RowsAfterEnd.ExcludeAndCount or RowsAfterEnd.Throw))
        {
            ThrowHelper.ArgumentOutOfRange("options.AfterEnd", (long)options.AfterEnd, "ExcludeAndCount or Throw");
        }

        RowScan scan = ScanRows(customerIds, dates, amounts, observationEnd, options.AfterEnd == RowsAfterEnd.Throw,
            previousOrderedPath ? int.MaxValue : forkRows);
        int min = scan.Min, max = scan.Max, used = scan.Used;
        long excluded = scan.Excluded;
        bool dateOrdered = scan.DateOrdered;
        long idRange = (long)max - min + 1;
        bool compact = used > 0 && idRange <= (long)used + DirectSlack && idRange <= Array.MaxLength / 2;
        if (compact && dateOrdered && !previousOrderedPath && !chunkedOrderedPath && used <= partitionRows
            && TrySummarizePartitioned(customerIds, dates, amounts, observationEnd, options, scan, forkRows, writeCombine) is { } partitioned)
        {
            return partitioned;
        }

        if (!dateOrdered && used > 0 && customerRunsPath && !previousOrderedPath && !chunkedOrderedPath
            && TrySummarizeCustomerRuns(customerIds, dates, amounts, observationEnd, options, used, excluded, forkRows) is { } runs)
        {
            return runs;
        }

        return compact
            ? SummarizeCompactIds(customerIds, dates, amounts, observationEnd, options, min, max - min + 1, used, excluded, dateOrdered,
                forkRows, previousOrderedPath)
            : SummarizeGrouped(customerIds, dates, amounts, observationEnd, options, used, excluded);
    }

    private const int DirectSlack = 1 << 16;

    /// <summary>Rows (in the window) from which the compact-id path splits its id range across two cores.</summary>
    internal const int DefaultForkRows = 1 << 18;
}
