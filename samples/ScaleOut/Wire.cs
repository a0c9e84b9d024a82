using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.ScaleOut;

// Messages of the sample cross the wire through Orleans' own serializer ([GenerateSerializer]); the library's result
// types they carry (NpsResult, CesResult, CsatResult, LedgerPeriod, CohortTable, RfmRecord, BgNbdModel, ParetoNbdModel,
// GammaGammaModel) go through the System.Text.Json codec with the library's source-generated context (ScaleOutSerialization).

/// <summary>Survey responses of one partition, as columns. Days are <see cref="DateOnly.DayNumber"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SurveyColumns(
    [property: Id(0)] int[] Days,
    [property: Id(1)] byte[] NpsScores,
    [property: Id(2)] byte[] CesRatings,
    [property: Id(3)] byte[] CsatRatings,
    [property: Id(4)] int[] Segments)
{
    public static SurveyColumns Empty { get; } = new([], [], [], [], []);

    public int Count => Days.Length;
}

/// <summary>One subscription record (the sample's wire form of <see cref="SubscriptionRecord{TCustomer, TSubscription}"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record SubscriptionRow(
    [property: Id(0)] int Customer,
    [property: Id(1)] int Subscription,
    [property: Id(2)] int StartDay,
    [property: Id(3)] int? EndDay,
    [property: Id(4)] decimal Price,
    [property: Id(5)] int Quantity,
    [property: Id(6)] string Segment)
{
    public SubscriptionRecord<int, int> ToRecord() => new()
    {
        CustomerKey = Customer,
        SubscriptionKey = Subscription,
        Start = DateOnly.FromDayNumber(StartDay),
        EndsOn = EndDay is int end ? DateOnly.FromDayNumber(end) : null,
        Price = Price,
        Quantity = Quantity,
        Segment = Segment,
    };
}

/// <summary>Transactions of one partition, as columns.</summary>
[GenerateSerializer, Immutable]
public sealed record TransactionColumns(
    [property: Id(0)] int[] Customers,
    [property: Id(1)] int[] Days,
    [property: Id(2)] double[] Amounts)
{
    public static TransactionColumns Empty { get; } = new([], [], []);

    public int Count => Customers.Length;
}

/// <summary>Everything one partition owns. A customer's subscriptions and transactions are all in one partition.</summary>
[GenerateSerializer, Immutable]
public sealed record PartitionData(
    [property: Id(0)] SurveyColumns Surveys,
    [property: Id(1)] SubscriptionRow[] Subscriptions,
    [property: Id(2)] TransactionColumns Transactions)
{
    public long Rows => (long)Surveys.Count + Subscriptions.Length + Transactions.Count;
}

/// <summary>What to compute: the survey grid (periods × segments from an origin month), the ledger's last day, the RFM window.</summary>
[GenerateSerializer, Immutable]
public sealed record AnalysisRequest(
    [property: Id(0)] int SurveyOriginDay,
    [property: Id(1)] int SurveyPeriods,
    [property: Id(2)] int SurveySegments,
    [property: Id(3)] int ThroughDay,
    [property: Id(4)] bool IncludeCustomerRows)
{
    public DateOnly SurveyOrigin => DateOnly.FromDayNumber(SurveyOriginDay);

    public DateOnly Through => DateOnly.FromDayNumber(ThroughDay);
}

/// <summary>One distinct (x, tₓ, T) of the BG/NBD and Pareto/NBD likelihoods, or (x, z̄, 0) of Gamma-Gamma, with how many customers share it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct WeightedRow(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] double Z,
    [property: Id(3)] long Count);

/// <summary>
/// One partition's mergeable results. <see cref="LoadId"/> is the token of the data the grain holds: a grain that lost its
/// data (its silo went away and it was re-activated elsewhere) answers with another token, and the coordinator reloads it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PartitionResult(
    [property: Id(0)] Guid LoadId,
    [property: Id(1)] NpsResult[] Nps,
    [property: Id(2)] CesResult[] Ces,
    [property: Id(3)] CsatResult[] Csat,
    [property: Id(4)] LedgerPeriod[] Ledger,
    [property: Id(5)] Dictionary<string, LedgerPeriod[]> LedgerSegments,
    [property: Id(6)] CohortTable Cohorts,
    [property: Id(7)] long LedgerCustomers,
    [property: Id(8)] RfmRecord[] Rfm,
    [property: Id(9)] long TransactionsUsed,
    [property: Id(10)] WeightedRow[] PurchaseTable,
    [property: Id(11)] WeightedRow[] SpendTable,
    [property: Id(12)] string Silo);

/// <summary>The fitted models sent back to the partitions, and the prediction horizon.</summary>
[GenerateSerializer, Immutable]
public sealed record PredictionRequest(
    [property: Id(0)] BgNbdModel Purchases,
    [property: Id(1)] GammaGammaModel Spend,
    [property: Id(2)] int ThroughDay,
    [property: Id(3)] double HorizonWeeks,
    [property: Id(4)] int ClvMonths,
    [property: Id(5)] double MonthlyDiscountRate);

/// <summary>Per-customer predictions of one partition, in ascending customer id.</summary>
[GenerateSerializer, Immutable]
public sealed record PredictionResult(
    [property: Id(0)] Guid LoadId,
    [property: Id(1)] int[] CustomerIds,
    [property: Id(2)] double[] ExpectedPurchases,
    [property: Id(3)] double[] ProbabilityAlive,
    [property: Id(4)] double[] Clv);
