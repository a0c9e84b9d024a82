using System.Globalization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using CustomerMetrics.Value.Models.Validation;

namespace CustomerMetrics.Charts.Tests;

/// <summary>Deterministic inputs of the chart tests: the CDNOW sample (in the repository) and a seeded synthetic ledger.</summary>
internal static class ChartData
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    public static string RepositoryRoot
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "CustomerMetrics.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("Repository root (CustomerMetrics.sln) not found above the test binaries.");
        }
    }

    public static readonly Lazy<(int[] Ids, DateOnly[] Dates, double[] Amounts)> Cdnow = new(() =>
    {
        var ids = new List<int>();
        var dates = new List<DateOnly>();
        var amounts = new List<double>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "Cdnow", "CDNOW_sample.txt")))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }

            ids.Add(int.Parse(f[1], CultureInfo.InvariantCulture));
            dates.Add(DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            amounts.Add(double.Parse(f[4], CultureInfo.InvariantCulture));
        }

        return (ids.ToArray(), dates.ToArray(), amounts.ToArray());
    });

    public static readonly Lazy<CalibrationHoldoutSplit> Split = new(() =>
        CalibrationHoldout.Split(Cdnow.Value.Ids, Cdnow.Value.Dates, Cdnow.Value.Amounts, CalibrationEnd, HoldoutEnd, RfmOptions.Weeks));

    public static readonly Lazy<IPurchaseModel> Model = new(() => new BgNbdPurchaseModel(BgNbd.Fit(Split.Value.Calibration)));

    public static TrackingSeries Tracking() =>
        PurchaseDiagnostics.Tracking(Model.Value, Cdnow.Value.Ids, Cdnow.Value.Dates, new DateOnly(1997, 1, 1), CalibrationEnd, 78, PeriodUnit.Week);

    /// <summary>The quickstart's synthetic book (samples/Quickstart/LedgerSection.cs, seed 2026), built under ChartMogul's rules.</summary>
    public static SubscriptionLedger<int> Ledger()
    {
        var random = new Random(2026);
        var book = new List<SubscriptionRecord<int, int>>();
        for (int customer = 0; customer < 400; customer++)
        {
            var start = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 330));
            DateOnly? end = random.Next(3) == 0 ? start.AddDays(random.Next(30, 300)) : null;
            bool yearly = random.Next(4) == 0;
            book.Add(new SubscriptionRecord<int, int>
            {
                CustomerKey = customer,
                SubscriptionKey = 1,
                Start = start,
                EndsOn = end,
                Price = yearly ? 490 : 49,
                Interval = yearly ? BillingInterval.Year : BillingInterval.Month,
                Quantity = random.Next(1, 4),
                TrialEndsOn = random.Next(5) == 0 ? start.AddDays(14) : null,
                EndReason = end is null ? ChurnReason.Unspecified : (ChurnReason)random.Next(1, 3),
            });
        }

        return SubscriptionLedger.Build(book, new DateOnly(2024, 12, 31), LedgerOptions.ChartMogul);
    }

    /// <summary>Fader &amp; Hardie (2007) regular-segment survivors, years 0–7 (published table).</summary>
    public static double[] SbgRegular() => [1000, 631, 468, 382, 326, 289, 262, 241];
}
