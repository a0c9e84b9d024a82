using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Service;

/// <summary>POST /surveys/nps: 0–10 answers.</summary>
public sealed class NpsRequest
{
    /// <summary>The answers, each 0 to 10.</summary>
    public int[]? Scores { get; set; }
}

/// <summary>POST /surveys/ces: ratings on a CES scale.</summary>
public sealed class CesRequest
{
    /// <summary>The ratings on <see cref="Scale"/>.</summary>
    public int[]? Ratings { get; set; }

    /// <summary><c>"FivePointEffort"</c> (CES 1.0) or <c>"SevenPointAgreement"</c> (CES 2.0, the default).</summary>
    public CesScale Scale { get; set; } = CesScale.SevenPointAgreement;
}

/// <summary>POST /surveys/csat: ratings on a 1..<see cref="ScalePoints"/> scale, conventional top box.</summary>
public sealed class CsatRequest
{
    /// <summary>The ratings, 1 to <see cref="ScalePoints"/>.</summary>
    public int[]? Ratings { get; set; }

    /// <summary>Points on the scale: 3 to 7 or 10 (5 by default).</summary>
    public int ScalePoints { get; set; } = 5;
}

/// <summary>POST /subscriptions/movements: per-customer MRR in two periods (index = customer, 0 = not paying).</summary>
public sealed class MovementsRequest
{
    /// <summary>MRR per customer in the earlier period, ≥ 0.</summary>
    public decimal[]? Previous { get; set; }

    /// <summary>MRR per customer in the later period, ≥ 0; as long as <see cref="Previous"/>.</summary>
    public decimal[]? Current { get; set; }
}

/// <summary>POST /value/customers: a transaction log as rows, with the RFM unit and the CLV margin.</summary>
public sealed class TransactionLogRequest
{
    /// <summary>The last day of the observation window, inclusive (<c>"2024-03-31"</c>). Required.</summary>
    public DateOnly? ObservationEnd { get; set; }

    /// <summary>The RFM period unit: <c>"Day"</c>, <c>"Week"</c> (default) or <c>"Month"</c>.</summary>
    public PeriodKind Unit { get; set; } = PeriodKind.Week;

    /// <summary>Average gross margin for historical CLV, a fraction in [0, 1] (1 by default: CLV = revenue).</summary>
    public decimal GrossMargin { get; set; } = 1m;

    /// <summary>The transactions, any order.</summary>
    public TransactionRow[]? Transactions { get; set; }
}

/// <summary>One transaction: customer key as the billing system or CRM holds it, date, amount.</summary>
public sealed class TransactionRow
{
    /// <summary>Customer key (any non-empty string).</summary>
    public string? Customer { get; set; }

    /// <summary>Date of the transaction (<c>"2024-01-03"</c>).</summary>
    public DateOnly Date { get; set; }

    /// <summary>Amount in currency units (negative for refunds).</summary>
    public decimal Amount { get; set; }
}

/// <summary>One customer of the answer to POST /value/customers.</summary>
/// <param name="Customer">The customer key as sent.</param>
/// <param name="Rfm">Recency, frequency, age and monetary value in the request's unit (its <c>customerId</c> is the customer's dense index in this answer).</param>
/// <param name="Clv">Historical CLV over the customer's transactions up to the observation end.</param>
public sealed record CustomerValue(string Customer, RfmRecord Rfm, HistoricalClv<decimal> Clv);

/// <summary>The answer to POST /value/customers.</summary>
/// <param name="Unit">The RFM period unit.</param>
/// <param name="ObservationEnd">The last day of the window.</param>
/// <param name="TransactionsUsed">Rows on or before the end.</param>
/// <param name="ExcludedAfterEnd">Rows after the end, left out.</param>
/// <param name="Total">Historical CLV of the whole log up to the end.</param>
/// <param name="Customers">One entry per customer with a transaction up to the end, in order of first appearance.</param>
public sealed record CustomerValueReport(PeriodKind Unit, DateOnly ObservationEnd, long TransactionsUsed, long ExcludedAfterEnd,
    HistoricalClv<decimal> Total, CustomerValue[] Customers);
