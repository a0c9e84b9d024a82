using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Service;

/// <summary>
/// The endpoints. Every one answers 200 with the library's result (or a report made of them), 400 with a problem
/// document naming the field, index and value for bad input, 413 for an oversized body or array.
/// </summary>
/// <remarks>
/// Empty input is answered <b>200</b>, not 422: an empty survey or log is a normal state of the data (a period without
/// responses), and the result is still the sufficient statistics (counts of 0) that merge with other results; only the
/// derived ratios are undefined, written as <c>"NaN"</c> as the library documents them. A client tells "no data" by
/// <c>count == 0</c> rather than by an error path.
/// </remarks>
internal static class Endpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/surveys/nps", (NpsRequest request) =>
            request.Scores is not { } scores ? Problems.Invalid("scores", "scores is required: an array of 0–10 answers.")
            : Problems.TooLong("scores", scores.Length) ?? Problems.Compute(() => Nps.Calculate(scores)));

        app.MapPost("/surveys/ces", (CesRequest request) =>
            request.Ratings is not { } ratings ? Problems.Invalid("ratings", "ratings is required: an array of ratings on the scale.")
            : Problems.TooLong("ratings", ratings.Length) ?? Problems.Compute(() => Ces.Calculate(Problems.Bytes(ratings), request.Scale),
                (name, index) => name == "scale" ? "scale" : index is { } i ? $"ratings[{i}]" : "ratings"));

        app.MapPost("/surveys/csat", (CsatRequest request) =>
            request.Ratings is not { } ratings ? Problems.Invalid("ratings", "ratings is required: an array of ratings on the scale.")
            : Problems.TooLong("ratings", ratings.Length) ?? Problems.Compute(() => Csat.Calculate(Problems.Bytes(ratings), request.ScalePoints),
                (name, index) => index is { } i ? $"ratings[{i}]" : name == "ratings" ? "ratings" : "scalePoints"));

        app.MapPost("/subscriptions/movements", (MovementsRequest request) =>
            request.Previous is not { } previous ? Problems.Invalid("previous", "previous is required: MRR per customer in the earlier period.")
            : request.Current is not { } current ? Problems.Invalid("current", "current is required: MRR per customer in the later period.")
            : Problems.TooLong("previous", previous.Length) ?? Problems.TooLong("current", current.Length)
                ?? Problems.Compute(() => MrrMovements.Between(previous, current)));

        app.MapPost("/value/customers", CustomerValues);
    }

    /// <summary>RFM and historical CLV per customer key from a transaction log (rows up to the observation end).</summary>
    private static IResult CustomerValues(TransactionLogRequest request)
    {
        if (request.ObservationEnd is not { } end)
        {
            return Problems.Invalid("observationEnd", "observationEnd is required: the last day of the window, as \"yyyy-MM-dd\".");
        }

        if (request.Transactions is not { } rows)
        {
            return Problems.Invalid("transactions", "transactions is required: an array of { customer, date, amount } rows.");
        }

        if (Problems.TooLong("transactions", rows.Length) is { } tooLong)
        {
            return tooLong;
        }

        if (request.Unit is not (PeriodKind.Day or PeriodKind.Week or PeriodKind.Month))
        {
            return Problems.Invalid("unit", $"unit is {request.Unit}; valid units are Day, Week and Month.");
        }

        var customers = new string[rows.Length];
        var dates = new DateOnly[rows.Length];
        var amounts = new double[rows.Length];
        var money = new List<decimal>(rows.Length);
        var inWindow = new List<string>(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            if (string.IsNullOrEmpty(rows[i]?.Customer))
            {
                return Problems.Invalid($"transactions[{i}].customer", $"transactions[{i}].customer is missing or empty; every row needs a customer key.");
            }

            customers[i] = rows[i].Customer!;
            dates[i] = rows[i].Date;
            amounts[i] = (double)rows[i].Amount;
            if (dates[i] <= end)
            {
                money.Add(rows[i].Amount);
                inWindow.Add(customers[i]);
            }
        }

        return Problems.Compute(() =>
        {
            var keys = CustomerKeys.Create<string>(customers);
            KeyedRfmSummary<string> rfm = Rfm.Summarize(customers, dates, amounts, end, new RfmOptions(new PeriodUnit(request.Unit, 0)), keys);
            KeyedHistoricalClv<string> clv = Clv.Historical(inWindow.ToArray(), money.ToArray(), request.GrossMargin, keys);
            var report = new CustomerValue[rfm.Count];
            for (int row = 0; row < report.Length; row++)
            {
                // Both list the customers with a row up to the end, in ascending index order.
                report[row] = new CustomerValue(rfm.KeyAt(row), rfm[row].Value, clv[row].Value);
            }

            return new CustomerValueReport(request.Unit, end, rfm.Summary.TransactionsUsed, rfm.Summary.ExcludedAfterEnd, clv.Total, report);
        }, (name, index) => (name, index) switch
        {
            ("averageGrossMargin", _) => "grossMargin",
            (_, { } i) when name is "amounts" or "dates" or "customers" or "keys" => $"transactions[{i}].{(name is "amounts" ? "amount" : name is "dates" ? "date" : "customer")}",
            _ => name,
        });
    }
}
