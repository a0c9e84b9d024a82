using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.ScaleOut;

/// <summary>The merged results of every partition (or of one process over all the data).</summary>
public sealed record ScaleOutReport
{
    /// <summary>NPS per month and segment: index = month × segments + segment.</summary>
    public required NpsResult[] Nps { get; init; }

    /// <summary>CES per month and segment, as <see cref="Nps"/>.</summary>
    public required CesResult[] Ces { get; init; }

    /// <summary>CSAT per month and segment, as <see cref="Nps"/>.</summary>
    public required CsatResult[] Csat { get; init; }

    /// <summary>The MRR ledger, one period per month from the first record to the observation end.</summary>
    public required LedgerPeriod[] Ledger { get; init; }

    /// <summary>The ledger per segment.</summary>
    public required SortedDictionary<string, LedgerPeriod[]> LedgerSegments { get; init; }

    /// <summary>The acquisition-cohort table of the ledger.</summary>
    public required CohortTable Cohorts { get; init; }

    /// <summary>Distinct customers in the billing log.</summary>
    public required long LedgerCustomers { get; init; }

    /// <summary>Per-customer RFM in weeks, ascending id.</summary>
    public required RfmSummary Rfm { get; init; }

    /// <summary>The BG/NBD data as distinct (x, tₓ, T) with counts.</summary>
    public required WeightedRow[] PurchaseTable { get; init; }

    /// <summary>BG/NBD fitted to <see cref="PurchaseTable"/>.</summary>
    public required BgNbdModel Purchases { get; init; }

    /// <summary>Pareto/NBD fitted to <see cref="PurchaseTable"/>.</summary>
    public required ParetoNbdModel Pareto { get; init; }

    /// <summary>Gamma-Gamma fitted to the distinct (x, z̄) of repeat customers.</summary>
    public required GammaGammaModel Spend { get; init; }

    /// <summary>Customer ids of the predictions, ascending.</summary>
    public required int[] CustomerIds { get; init; }

    /// <summary>Expected purchases per customer in the horizon.</summary>
    public required double[] ExpectedPurchases { get; init; }

    /// <summary>P(alive) per customer.</summary>
    public required double[] ProbabilityAlive { get; init; }

    /// <summary>Discounted CLV per customer (currency units).</summary>
    public required double[] Clv { get; init; }

    /// <summary>Merges partition results: survey cells and ledger periods add; RFM rows and predictions concatenate (the
    /// partitions own disjoint customers); the compressed tables add. Models are fitted afterwards.</summary>
    public static (NpsResult[] Nps, CesResult[] Ces, CsatResult[] Csat, LedgerPeriod[] Ledger, SortedDictionary<string, LedgerPeriod[]> Segments,
        CohortTable Cohorts, long Customers, RfmSummary Rfm, WeightedRow[] PurchaseTable, WeightedRow[] SpendTable) Merge(
        IReadOnlyList<PartitionResult> parts, AnalysisRequest request)
    {
        int cells = request.SurveyPeriods * request.SurveySegments;
        var nps = new NpsResult[cells];
        var ces = new CesResult[cells];
        var csat = new CsatResult[cells];
        var ledger = new SortedDictionary<int, LedgerPeriod>();
        var segments = new SortedDictionary<string, SortedDictionary<int, LedgerPeriod>>(StringComparer.Ordinal);
        CohortTable cohorts = default;
        long customers = 0;
        var rfm = new List<RfmRecord>();
        foreach (PartitionResult part in parts)
        {
            for (int c = 0; c < cells; c++)
            {
                nps[c] += part.Nps[c];
                ces[c] += part.Ces[c];
                csat[c] += part.Csat[c];
            }

            AddPeriods(ledger, part.Ledger);
            foreach (KeyValuePair<string, LedgerPeriod[]> segment in part.LedgerSegments)
            {
                if (!segments.TryGetValue(segment.Key, out SortedDictionary<int, LedgerPeriod>? periods))
                {
                    segments[segment.Key] = periods = [];
                }

                AddPeriods(periods, segment.Value);
            }

            cohorts += part.Cohorts;
            customers = checked(customers + part.LedgerCustomers);
            rfm.AddRange(part.Rfm);
        }

        // Segments span only their own customers' periods; padding with the empty period (the identity) aligns them
        // with the total, as a single ledger reports them.
        var segmentArrays = new SortedDictionary<string, LedgerPeriod[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, SortedDictionary<int, LedgerPeriod>> segment in segments)
        {
            foreach (LedgerPeriod total in ledger.Values)
            {
                segment.Value.TryAdd(total.Period, Empty(total));
            }

            segmentArrays[segment.Key] = [.. segment.Value.Values];
        }

        rfm.Sort(static (a, b) => a.CustomerId.CompareTo(b.CustomerId));
        RfmSummary summary = RfmSummary.FromColumns(
            [.. rfm.Select(r => r.CustomerId)], [.. rfm.Select(r => r.Frequency)], [.. rfm.Select(r => r.Recency)],
            [.. rfm.Select(r => r.Age)], [.. rfm.Select(r => r.MeanSpend)], PartitionAnalysis.RfmRules.Unit, request.Through);
        return (nps, ces, csat, [.. ledger.Values], segmentArrays, cohorts, customers, summary,
            PartitionAnalysis.MergeTables(parts.Select(p => p.PurchaseTable)), PartitionAnalysis.MergeTables(parts.Select(p => p.SpendTable)));
    }

    /// <summary>A period with the dates and rules of <paramref name="like"/> and no customer: what a ledger reports for a
    /// segment in a period before its first customer.</summary>
    private static LedgerPeriod Empty(LedgerPeriod like) => new(like.Period, like.Start, like.End, default, 0, 0, 0, 0m, 0m, 0, 0, 0m, 0m, 0m,
        like.JoinAndChurn, like.LogoChurnDenominator, like.RetentionCountsReactivation, like.QuickRatioCountsReactivation);

    private static void AddPeriods(SortedDictionary<int, LedgerPeriod> into, LedgerPeriod[] periods)
    {
        foreach (LedgerPeriod period in periods)
        {
            into[period.Period] = into.TryGetValue(period.Period, out LedgerPeriod sum) ? sum + period : period;
        }
    }
}
