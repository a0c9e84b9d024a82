using System.Runtime.InteropServices;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.ScaleOut;

/// <summary>
/// What a partition computes, with the library only: the same calls a single process makes on the whole data. A grain
/// runs it on its partition; <see cref="SingleProcess"/> runs it on everything at once.
/// </summary>
public static class PartitionAnalysis
{
    /// <summary>The ledger rules of the sample (ChartMogul, monthly, without the per-customer entry list).</summary>
    public static LedgerOptions LedgerRules { get; } = LedgerOptions.ChartMogul with { IncludeCustomerEntries = false };

    /// <summary>RFM in weeks, as the BG/NBD literature (CDNOW) uses.</summary>
    public static RfmOptions RfmRules { get; } = RfmOptions.Weeks;

    /// <summary>Computes every mergeable result of one partition.</summary>
    public static PartitionResult Compute(PartitionData data, AnalysisRequest request, Guid loadId, string silo)
    {
        int cells = request.SurveyPeriods * request.SurveySegments;
        var nps = new NpsResult[cells];
        var ces = new CesResult[cells];
        var csat = new CsatResult[cells];
        SurveyGrid(data.Surveys, request, nps, ces, csat);

        var records = new SubscriptionRecord<int, int>[data.Subscriptions.Length];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = data.Subscriptions[i].ToRecord();
        }

        SubscriptionLedger<int> ledger = SubscriptionLedger.Build(records, request.Through, LedgerRules);
        var segments = new Dictionary<string, LedgerPeriod[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, System.Collections.Immutable.ImmutableArray<LedgerPeriod>> segment in ledger.Segments)
        {
            segments[segment.Key] = [.. segment.Value];
        }

        RfmSummary rfm = Summarize(data.Transactions, request.Through);
        var rows = new RfmRecord[request.IncludeCustomerRows ? rfm.Count : 0];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = rfm[i];
        }

        return new PartitionResult(loadId, nps, ces, csat, [.. ledger.Periods], segments, ledger.Cohorts, ledger.Customers, rows,
            rfm.TransactionsUsed, PurchaseTable(rfm), SpendTable(rfm), silo);
    }

    /// <summary>NPS, CES (7-point agreement) and CSAT (5-point) per month and segment: cell = month × segments + segment.</summary>
    public static void SurveyGrid(SurveyColumns surveys, AnalysisRequest request, Span<NpsResult> nps, Span<CesResult> ces, Span<CsatResult> csat)
    {
        int n = surveys.Count;
        var dates = new DateOnly[n];
        var cells = new int[n];
        DateOnly origin = request.SurveyOrigin;
        for (int i = 0; i < n; i++)
        {
            dates[i] = DateOnly.FromDayNumber(surveys.Days[i]);
            int month = ((dates[i].Year - origin.Year) * 12) + dates[i].Month - origin.Month;
            cells[i] = (month * request.SurveySegments) + surveys.Segments[i];
        }

        Nps.CalculateByPeriod(dates, surveys.NpsScores, surveys.Segments, request.SurveySegments, origin, PeriodUnit.Month, nps);
        Ces.Calculate(surveys.CesRatings, cells, CesScale.SevenPointAgreement, ces);
        Csat.Calculate(surveys.CsatRatings, cells, csat, scalePoints: 5);
    }

    /// <summary>The RFM summary of a transaction log, through the observation end, in weeks.</summary>
    public static RfmSummary Summarize(TransactionColumns transactions, DateOnly through)
    {
        var dates = new DateOnly[transactions.Count];
        for (int i = 0; i < dates.Length; i++)
        {
            dates[i] = DateOnly.FromDayNumber(transactions.Days[i]);
        }

        return Rfm.Summarize(transactions.Customers, dates, transactions.Amounts, through, RfmRules);
    }

    /// <summary>The BG/NBD and Pareto/NBD data compressed: distinct (x, tₓ, T) with their counts, in (x, tₓ, T) order.</summary>
    public static WeightedRow[] PurchaseTable(RfmSummary summary)
    {
        var counts = new Dictionary<(double, double, double), long>();
        for (int i = 0; i < summary.Count; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, (summary.Frequency[i], summary.Recency[i], summary.Age[i]), out _)++;
        }

        return Sorted(counts);
    }

    /// <summary>The Gamma-Gamma data compressed: distinct (x, z̄) of the customers with a repeat purchase, with counts.</summary>
    public static WeightedRow[] SpendTable(RfmSummary summary)
    {
        var counts = new Dictionary<(double, double, double), long>();
        for (int i = 0; i < summary.Count; i++)
        {
            if (summary.Frequency[i] > 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, (summary.Frequency[i], summary.MeanSpend[i], 0), out _)++;
            }
        }

        return Sorted(counts);
    }

    /// <summary>Adds compressed tables: counts of equal rows add; the result is in (X, Y, Z) order whatever the input order.</summary>
    public static WeightedRow[] MergeTables(IEnumerable<WeightedRow[]> tables)
    {
        var counts = new Dictionary<(double, double, double), long>();
        foreach (WeightedRow[] table in tables)
        {
            foreach (WeightedRow row in table)
            {
                ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, (row.X, row.Y, row.Z), out _);
                count = checked(count + row.Count);
            }
        }

        return Sorted(counts);
    }

    /// <summary>Fits BG/NBD, Pareto/NBD and Gamma-Gamma to merged compressed tables (the counts are the weights).</summary>
    public static (BgNbdModel Purchases, ParetoNbdModel Pareto, GammaGammaModel Spend) Fit(WeightedRow[] purchaseTable, WeightedRow[] spendTable)
    {
        (double[] x, double[] tx, double[] age, double[] w) = Columns(purchaseTable);
        BgNbdModel bg = BgNbd.Fit(x, tx, age, w);
        ParetoNbdModel pareto = ParetoNbd.Fit(x, tx, age, w);
        (double[] sx, double[] spend, _, double[] sw) = Columns(spendTable);
        GammaGammaModel gg = GammaGamma.Fit(sx, spend, sw);
        return (bg, pareto, gg);
    }

    /// <summary>Per-customer predictions under fitted models: expected purchases in the horizon, P(alive), discounted CLV.</summary>
    public static (int[] Ids, double[] Expected, double[] Alive, double[] Clv) Predict(RfmSummary summary, PredictionRequest request)
    {
        int n = summary.Count;
        double[] expected = new double[n], alive = new double[n], clv = new double[n];
        if (n > 0)
        {
            request.Purchases.ConditionalExpectedPurchases(request.HorizonWeeks, summary.Frequency, summary.Recency, summary.Age, expected);
            request.Purchases.ProbabilityAlive(summary.Frequency, summary.Recency, summary.Age, alive);
            ProbabilisticClv.Discounted(request.Purchases, request.Spend, summary, request.ClvMonths, request.MonthlyDiscountRate, clv);
        }

        return (summary.CustomerIds.ToArray(), expected, alive, clv);
    }

    private static (double[] X, double[] Y, double[] Z, double[] Weights) Columns(WeightedRow[] table)
    {
        double[] x = new double[table.Length], y = new double[table.Length], z = new double[table.Length], w = new double[table.Length];
        for (int i = 0; i < table.Length; i++)
        {
            (x[i], y[i], z[i], w[i]) = (table[i].X, table[i].Y, table[i].Z, table[i].Count);
        }

        return (x, y, z, w);
    }

    private static WeightedRow[] Sorted(Dictionary<(double, double, double), long> counts)
    {
        var rows = new WeightedRow[counts.Count];
        int i = 0;
        foreach (KeyValuePair<(double, double, double), long> pair in counts)
        {
            rows[i++] = new WeightedRow(pair.Key.Item1, pair.Key.Item2, pair.Key.Item3, pair.Value);
        }

        Array.Sort(rows, static (a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y != b.Y ? a.Y.CompareTo(b.Y) : a.Z.CompareTo(b.Z));
        return rows;
    }
}
