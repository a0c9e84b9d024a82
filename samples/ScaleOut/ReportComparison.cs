using System.Globalization;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.ScaleOut;

/// <summary>
/// Compares two reports: counts and decimal sums exactly (record equality of the survey results, ledger periods and
/// cohort counts); doubles (cohort revenue, RFM columns, fitted parameters, log-likelihoods, predictions) to a relative
/// tolerance.
/// </summary>
public static class ReportComparison
{
    /// <summary>The differences, empty when the reports agree; also the largest relative difference seen among doubles.</summary>
    public static (List<string> Differences, double MaxRelative) Compare(ScaleOutReport expected, ScaleOutReport actual, double relativeTolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var diffs = new List<string>();
        double maxRelative = 0;
        void Exact<T>(string what, IReadOnlyList<T> a, IReadOnlyList<T> b)
        {
            if (a.Count != b.Count)
            {
                diffs.Add($"{what}: {a.Count} vs {b.Count} items");
                return;
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
                {
                    diffs.Add($"{what}[{i}]: {a[i]} vs {b[i]}");
                    return;
                }
            }
        }

        void Close(string what, double a, double b)
        {
            double scale = Math.Max(Math.Abs(a), Math.Abs(b));
            double relative = scale == 0 ? 0 : Math.Abs(a - b) / scale;
            if (!(relative <= relativeTolerance) && !(double.IsNaN(a) && double.IsNaN(b)))
            {
                diffs.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {a:R} vs {b:R} (relative {relative:E2})"));
            }

            maxRelative = double.IsNaN(relative) ? maxRelative : Math.Max(maxRelative, relative);
        }

        void Doubles(string what, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            if (a.Length != b.Length)
            {
                diffs.Add($"{what}: {a.Length} vs {b.Length} values");
                return;
            }

            for (int i = 0; i < a.Length; i++)
            {
                Close($"{what}[{i}]", a[i], b[i]);
            }
        }

        Exact("Nps", expected.Nps, actual.Nps);
        Exact("Ces", expected.Ces, actual.Ces);
        Exact("Csat", expected.Csat, actual.Csat);
        Exact("Ledger", expected.Ledger, actual.Ledger);
        Exact("LedgerSegments.Keys", [.. expected.LedgerSegments.Keys], [.. actual.LedgerSegments.Keys]);
        foreach (KeyValuePair<string, LedgerPeriod[]> segment in expected.LedgerSegments)
        {
            Exact($"LedgerSegments[{segment.Key}]", segment.Value, actual.LedgerSegments.GetValueOrDefault(segment.Key) ?? []);
        }

        if (expected.LedgerCustomers != actual.LedgerCustomers)
        {
            diffs.Add($"LedgerCustomers: {expected.LedgerCustomers} vs {actual.LedgerCustomers}");
        }

        CohortTable ec = expected.Cohorts, ac = actual.Cohorts;
        if (ec.FirstCohort != ac.FirstCohort || ec.ObservedThrough != ac.ObservedThrough)
        {
            diffs.Add($"Cohorts: cohorts {ec.FirstCohort}..{ec.ObservedThrough} vs {ac.FirstCohort}..{ac.ObservedThrough}");
        }

        Exact("Cohorts.CohortSizes", ec.CohortSizes, ac.CohortSizes);
        Exact("Cohorts.ActiveCustomers", ec.ActiveCustomers, ac.ActiveCustomers);
        Doubles("Cohorts.Revenue", ec.Revenue.AsSpan(), ac.Revenue.AsSpan());

        Exact("Rfm.CustomerIds", expected.Rfm.CustomerIds.ToArray(), actual.Rfm.CustomerIds.ToArray());
        Doubles("Rfm.Frequency", expected.Rfm.Frequency, actual.Rfm.Frequency);
        Doubles("Rfm.Recency", expected.Rfm.Recency, actual.Rfm.Recency);
        Doubles("Rfm.Age", expected.Rfm.Age, actual.Rfm.Age);
        Doubles("Rfm.MeanSpend", expected.Rfm.MeanSpend, actual.Rfm.MeanSpend);
        Exact("PurchaseTable", expected.PurchaseTable, actual.PurchaseTable);

        Close("BgNbd.R", expected.Purchases.R, actual.Purchases.R);
        Close("BgNbd.Alpha", expected.Purchases.Alpha, actual.Purchases.Alpha);
        Close("BgNbd.A", expected.Purchases.A, actual.Purchases.A);
        Close("BgNbd.B", expected.Purchases.B, actual.Purchases.B);
        Close("BgNbd.LogLikelihood", expected.Purchases.LogLikelihood, actual.Purchases.LogLikelihood);
        Close("ParetoNbd.R", expected.Pareto.R, actual.Pareto.R);
        Close("ParetoNbd.Alpha", expected.Pareto.Alpha, actual.Pareto.Alpha);
        Close("ParetoNbd.S", expected.Pareto.S, actual.Pareto.S);
        Close("ParetoNbd.Beta", expected.Pareto.Beta, actual.Pareto.Beta);
        Close("ParetoNbd.LogLikelihood", expected.Pareto.LogLikelihood, actual.Pareto.LogLikelihood);
        Close("GammaGamma.P", expected.Spend.P, actual.Spend.P);
        Close("GammaGamma.Q", expected.Spend.Q, actual.Spend.Q);
        Close("GammaGamma.Gamma", expected.Spend.Gamma, actual.Spend.Gamma);

        Exact("CustomerIds", expected.CustomerIds, actual.CustomerIds);
        Doubles("ExpectedPurchases", expected.ExpectedPurchases, actual.ExpectedPurchases);
        Doubles("ProbabilityAlive", expected.ProbabilityAlive, actual.ProbabilityAlive);
        Doubles("Clv", expected.Clv, actual.Clv);
        return (diffs, maxRelative);
    }
}
