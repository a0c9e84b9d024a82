namespace CustomerMetrics.Subscriptions;

/// <summary>Mutable sums of one period of one segment while the ledger is built.</summary>
internal struct PeriodAccumulator
{
    public decimal Start, End, New, Expansion, Contraction, Churned, Reactivation;
    public long NewCount, ExpansionCount, ContractionCount, ChurnedCount, ReactivatedCount, Unchanged, Inactive;
    public long JoinedAndChurned, Voluntary, Delinquent;
    public decimal VoluntaryMrr, DelinquentMrr;
    public long YearAgoCustomers, YearAgoRetained;
    public decimal YearAgoMrr, YearAgoMrrNow, YearAgoGross;

    public readonly LedgerPeriod ToPeriod(int period, DateOnly start, DateOnly end, LedgerOptions options) => new(
        period, start, end,
        new MrrMovements<decimal>(Start, End, New, Expansion, Contraction, Churned, Reactivation,
            NewCount, ExpansionCount, ContractionCount, ChurnedCount, ReactivatedCount, Unchanged, Inactive),
        JoinedAndChurned, Voluntary, Delinquent, VoluntaryMrr, DelinquentMrr,
        YearAgoCustomers, YearAgoRetained, YearAgoMrr, YearAgoMrrNow, YearAgoGross,
        options.JoinAndChurn, options.LogoChurnDenominator, options.RetentionCountsReactivation, options.QuickRatioCountsReactivation);
}
