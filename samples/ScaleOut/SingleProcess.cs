using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;

namespace CustomerMetrics.ScaleOut;

/// <summary>The same analyses in one process over all the data: the reference the distributed run must equal.</summary>
public static class SingleProcess
{
    /// <summary>Computes the report from the whole data with the library's calculators directly.</summary>
    public static ScaleOutReport Run(PartitionData all, AnalysisRequest request, double horizonWeeks = 26, int clvMonths = 12, double monthlyDiscountRate = 0.01)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(request);
        int cells = request.SurveyPeriods * request.SurveySegments;
        var nps = new Surveys.NpsResult[cells];
        var ces = new Surveys.CesResult[cells];
        var csat = new Surveys.CsatResult[cells];
        PartitionAnalysis.SurveyGrid(all.Surveys, request, nps, ces, csat);

        SubscriptionLedger<int> ledger = SubscriptionLedger.Build([.. all.Subscriptions.Select(s => s.ToRecord())], request.Through, PartitionAnalysis.LedgerRules);
        RfmSummary rfm = PartitionAnalysis.Summarize(all.Transactions, request.Through);
        WeightedRow[] purchaseTable = PartitionAnalysis.PurchaseTable(rfm);
        var (purchases, pareto, spend) = PartitionAnalysis.Fit(purchaseTable, PartitionAnalysis.SpendTable(rfm));
        var prediction = new PredictionRequest(purchases, spend, request.ThroughDay, horizonWeeks, clvMonths, monthlyDiscountRate);
        (int[] ids, double[] expected, double[] alive, double[] clv) = PartitionAnalysis.Predict(rfm, prediction);
        return new ScaleOutReport
        {
            Nps = nps,
            Ces = ces,
            Csat = csat,
            Ledger = [.. ledger.Periods],
            LedgerSegments = new SortedDictionary<string, LedgerPeriod[]>(ledger.Segments.ToDictionary(s => s.Key, s => s.Value.ToArray()), StringComparer.Ordinal),
            Cohorts = ledger.Cohorts,
            LedgerCustomers = ledger.Customers,
            Rfm = rfm,
            PurchaseTable = purchaseTable,
            Purchases = purchases,
            Pareto = pareto,
            Spend = spend,
            CustomerIds = ids,
            ExpectedPurchases = expected,
            ProbabilityAlive = alive,
            Clv = clv,
        };
    }
}
