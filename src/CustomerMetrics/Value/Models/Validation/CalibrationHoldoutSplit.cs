using System.Globalization;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// A transaction log split at a cut date (from <see cref="CalibrationHoldout.Split"/>): the calibration RFM summary and,
/// aligned with its customers, the purchases and spend each made in the holdout window.
/// </summary>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed class CalibrationHoldoutSplit
{
    private readonly double[] _holdoutPurchases;
    private readonly double[] _holdoutSpend;

    internal CalibrationHoldoutSplit(RfmSummary calibration, double[] holdoutPurchases, double[] holdoutSpend, double holdoutLength,
        DateOnly calibrationEnd, DateOnly holdoutEnd, int newCustomersInHoldout, long newCustomerTransactions, long transactionsAfterHoldout)
    {
        Calibration = calibration;
        _holdoutPurchases = holdoutPurchases;
        _holdoutSpend = holdoutSpend;
        HoldoutLength = holdoutLength;
        CalibrationEnd = calibrationEnd;
        HoldoutEnd = holdoutEnd;
        NewCustomersInHoldout = newCustomersInHoldout;
        NewCustomerTransactions = newCustomerTransactions;
        TransactionsAfterHoldout = transactionsAfterHoldout;
    }

    /// <summary>The calibration summary (frequency, recency, T, monetary value to the calibration end) in <see cref="Unit"/>.</summary>
    public RfmSummary Calibration { get; }

    /// <summary>Purchases in the holdout per calibration customer (same-day, or same-period, purchases merged), aligned with <see cref="Calibration"/>.</summary>
    public ReadOnlySpan<double> HoldoutPurchases => _holdoutPurchases;

    /// <summary>Spend in the holdout per calibration customer (compensated sum of the amounts), aligned with <see cref="Calibration"/>.</summary>
    public ReadOnlySpan<double> HoldoutSpend => _holdoutSpend;

    /// <summary>Length of the holdout window t in <see cref="Unit"/> (days ÷ unit length, or whole periods): the horizon of E[Y(t)].</summary>
    public double HoldoutLength { get; }

    /// <summary>The time unit of the summary and of <see cref="HoldoutLength"/>.</summary>
    public PeriodUnit Unit => Calibration.Unit;

    /// <summary>Last day of the calibration window (inclusive).</summary>
    public DateOnly CalibrationEnd { get; }

    /// <summary>Last day of the holdout window (inclusive).</summary>
    public DateOnly HoldoutEnd { get; }

    /// <summary>Customers whose first transaction falls in the holdout: excluded.</summary>
    public int NewCustomersInHoldout { get; }

    /// <summary>Holdout transactions of those excluded customers.</summary>
    public long NewCustomerTransactions { get; }

    /// <summary>Transactions dated after the holdout end: excluded.</summary>
    public long TransactionsAfterHoldout { get; }

    /// <summary>"CalibrationHoldoutSplit: 2357 customers, calibration to 1997-09-30, holdout 39 week to 1998-06-30, 1200 holdout purchases".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CalibrationHoldoutSplit: {Calibration.Count} customers, calibration to {CalibrationEnd:yyyy-MM-dd}, holdout {HoldoutLength:0.##} {Unit} to {HoldoutEnd:yyyy-MM-dd}, {_holdoutPurchases.Sum():0} holdout purchases, {NewCustomersInHoldout} new customers excluded");
}
