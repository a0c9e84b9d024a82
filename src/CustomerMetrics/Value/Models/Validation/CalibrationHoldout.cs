using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// Splits a transaction log at a cut date into a calibration RFM summary (through <see cref="Rfm.Summarize"/>) and, for
/// each calibration customer, the purchases and spend of the holdout window that follows, the standard set-up for
/// judging a purchase model (Fader, Hardie &amp; Lee 2005; the <c>lifetimes</c> package's
/// <c>calibration_and_holdout_data</c>). Customers first seen in the holdout are excluded and counted.
/// </summary>
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
public static class CalibrationHoldout
{
    /// <summary>Splits the log at <paramref name="calibrationEnd"/> (inclusive) and counts holdout purchases to <paramref name="holdoutEnd"/> (inclusive).</summary>
    /// <param name="customerIds">Customer id of each transaction.</param>
    /// <param name="dates">Date of each transaction.</param>
    /// <param name="amounts">Amount of each transaction, finite (refunds net into their period).</param>
    /// <param name="calibrationEnd">Last day of the calibration window.</param>
    /// <param name="holdoutEnd">Last day of the holdout window, after <paramref name="calibrationEnd"/>.</param>
    /// <param name="options">Period unit and counting of the summary (as in <see cref="Rfm.Summarize"/>); holdout purchases merge
    /// the same way (per day with <see cref="PeriodCounting.FractionalDays"/>, per whole period otherwise). <see cref="RfmOptions.AfterEnd"/> is ignored: rows after
    /// the calibration end feed the holdout, rows after the holdout end are excluded and counted.</param>
    /// <returns>The split; its holdout columns are aligned with <see cref="CalibrationHoldoutSplit.Calibration"/>.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, the options are invalid, or the holdout end is not after the calibration end.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite (named by index).</exception>
    public static CalibrationHoldoutSplit Split(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
        DateOnly calibrationEnd, DateOnly holdoutEnd, RfmOptions options = default)
    {
        if (holdoutEnd <= calibrationEnd)
        {
            ThrowHelper.Argument(nameof(holdoutEnd), string.Create(CultureInfo.InvariantCulture,
                $"The holdout end {holdoutEnd:yyyy-MM-dd} must be after the calibration end {calibrationEnd:yyyy-MM-dd}."));
        }

        RfmSummary calibration = Rfm.Summarize(customerIds, dates, amounts, calibrationEnd, new RfmOptions(options.Unit, options.Counting, RowsAfterEnd.ExcludeAndCount));
        bool whole = options.Counting == PeriodCounting.WholePeriods;
        int calibrationDay = calibrationEnd.DayNumber, holdoutDay = holdoutEnd.DayNumber;
        var keys = new List<long>();
        var purchases = new double[calibration.Count];
        var spend = new NeumaierSum[calibration.Count];
        var newCustomers = new HashSet<int>();
        long newRows = 0, afterRows = 0;
        for (int i = 0; i < customerIds.Length; i++)
        {
            int day = dates[i].DayNumber;
            if (day <= calibrationDay)
            {
                continue;
            }

            if (day > holdoutDay)
            {
                afterRows++;
                continue;
            }

            int index = calibration.IndexOf(customerIds[i]);
            if (index < 0)
            {
                newRows++;
                newCustomers.Add(customerIds[i]);
                continue;
            }

            int period = whole ? options.Unit.WholePeriodIndex(day) : day;
            keys.Add(((long)index << 32) | (uint)period);
            spend[index].Add(amounts[i]);
        }

        keys.Sort();
        for (int k = 0; k < keys.Count; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1])
            {
                purchases[(int)(keys[k] >> 32)]++;
            }
        }

        double length = whole
            ? options.Unit.WholePeriodIndex(holdoutDay) - options.Unit.WholePeriodIndex(calibrationDay)
            : (holdoutDay - calibrationDay) / options.Unit.LengthInDays;
        var spendValues = new double[calibration.Count];
        for (int i = 0; i < spendValues.Length; i++)
        {
            spendValues[i] = spend[i].Value;
        }

        return new CalibrationHoldoutSplit(calibration, purchases, spendValues, length, calibrationEnd, holdoutEnd, newCustomers.Count, newRows, afterRows);
    }
}
