using System.Numerics;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The money sums and counts of one period of one segment while the ledger is built, in the build's money type:
/// <c>decimal</c>, or <see cref="FixedMoney"/> when every amount fits it (the same values and scales, faster).
/// </summary>
internal struct PeriodSums<TMoney>
    where TMoney : struct, IAdditionOperators<TMoney, TMoney, TMoney>, ISubtractionOperators<TMoney, TMoney, TMoney>, IComparisonOperators<TMoney, TMoney, bool>
{
    public TMoney Start, End, New, Expansion, Contraction, Churned, Reactivation;
    public long NewCount, ExpansionCount, ContractionCount, ChurnedCount, ReactivatedCount, Unchanged, Inactive;
    public long JoinedAndChurned, Voluntary, Delinquent;
    public TMoney VoluntaryMrr, DelinquentMrr;
    public long YearAgoCustomers, YearAgoRetained;
    public TMoney YearAgoMrr, YearAgoMrrNow, YearAgoGross;

    /// <summary>The <c>decimal</c> of an amount: itself, or a <see cref="FixedMoney"/> at the build's common scale.</summary>
    public static decimal ToDecimal(TMoney value, int scale) =>
        typeof(TMoney) == typeof(decimal) ? (decimal)(object)value : ((FixedMoney)(object)value).ToDecimal(scale);

    /// <summary>An amount in the build's money type: itself, or a <see cref="FixedMoney"/> at the build's common scale.</summary>
    public static TMoney FromDecimal(decimal value, int scale) =>
        typeof(TMoney) == typeof(decimal) ? (TMoney)(object)value : (TMoney)(object)FixedMoney.From(value, scale);

    /// <summary>Whether an amount is bitwise the empty one (<c>0</c> at scale 0): adding it to a sum changes neither value nor scale.</summary>
    public static bool IsEmpty(TMoney value) =>
        typeof(TMoney) == typeof(decimal)
            ? (decimal)(object)value is var d && d == 0 && d.Scale == 0 && !decimal.IsNegative(d)
            : ((FixedMoney)(object)value) is { Units: 0, Scale: 0 };

    /// <summary>Adds the sums of another group of customers.</summary>
    public void Add(in PeriodSums<TMoney> other)
    {
        Start += other.Start;
        End += other.End;
        New += other.New;
        Expansion += other.Expansion;
        Contraction += other.Contraction;
        Churned += other.Churned;
        Reactivation += other.Reactivation;
        NewCount += other.NewCount;
        ExpansionCount += other.ExpansionCount;
        ContractionCount += other.ContractionCount;
        ChurnedCount += other.ChurnedCount;
        ReactivatedCount += other.ReactivatedCount;
        Unchanged += other.Unchanged;
        Inactive += other.Inactive;
        JoinedAndChurned += other.JoinedAndChurned;
        Voluntary += other.Voluntary;
        Delinquent += other.Delinquent;
        VoluntaryMrr += other.VoluntaryMrr;
        DelinquentMrr += other.DelinquentMrr;
        YearAgoCustomers += other.YearAgoCustomers;
        YearAgoRetained += other.YearAgoRetained;
        YearAgoMrr += other.YearAgoMrr;
        YearAgoMrrNow += other.YearAgoMrrNow;
        YearAgoGross += other.YearAgoGross;
    }

    /// <summary>The same sums as <c>decimal</c>s.</summary>
    public readonly PeriodAccumulator ToAccumulator(int scale) => new()
    {
        Start = ToDecimal(Start, scale),
        End = ToDecimal(End, scale),
        New = ToDecimal(New, scale),
        Expansion = ToDecimal(Expansion, scale),
        Contraction = ToDecimal(Contraction, scale),
        Churned = ToDecimal(Churned, scale),
        Reactivation = ToDecimal(Reactivation, scale),
        NewCount = NewCount,
        ExpansionCount = ExpansionCount,
        ContractionCount = ContractionCount,
        ChurnedCount = ChurnedCount,
        ReactivatedCount = ReactivatedCount,
        Unchanged = Unchanged,
        Inactive = Inactive,
        JoinedAndChurned = JoinedAndChurned,
        Voluntary = Voluntary,
        Delinquent = Delinquent,
        VoluntaryMrr = ToDecimal(VoluntaryMrr, scale),
        DelinquentMrr = ToDecimal(DelinquentMrr, scale),
        YearAgoCustomers = YearAgoCustomers,
        YearAgoRetained = YearAgoRetained,
        YearAgoMrr = ToDecimal(YearAgoMrr, scale),
        YearAgoMrrNow = ToDecimal(YearAgoMrrNow, scale),
        YearAgoGross = ToDecimal(YearAgoGross, scale),
    };
}
