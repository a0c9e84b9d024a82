using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using CustomerMetrics.Value.Models.Validation;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Tests.Value.Models.Validation;

public class PurchaseDiagnosticsTests
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    private static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    private static readonly Lazy<(int[] Ids, DateOnly[] Dates, double[] Amounts)> Log = new(RfmCdnowTests.ReadSample);

    private static readonly Lazy<CalibrationHoldoutSplit> Split = new(() =>
        CalibrationHoldout.Split(Log.Value.Ids, Log.Value.Dates, Log.Value.Amounts, CalibrationEnd, HoldoutEnd, RfmOptions.Weeks));

    [Fact]
    public void Split_matches_Rfm_Summarize_and_a_direct_count_of_holdout_purchase_days()
    {
        var (ids, dates, amounts) = Log.Value;
        CalibrationHoldoutSplit split = Split.Value;
        RfmSummary direct = Rfm.Summarize(ids, dates, amounts, CalibrationEnd, RfmOptions.Weeks);
        Assert.Equal(direct.Count, split.Calibration.Count);
        Assert.Equal(2357, split.Calibration.Count);
        Assert.Equal(direct.Frequency.ToArray(), split.Calibration.Frequency.ToArray());
        Assert.Equal(273 / 7.0, split.HoldoutLength, 1e-12);
        Assert.Equal(PeriodUnit.Week, split.Unit);

        var holdoutDays = ids.Select((id, i) => (id, day: dates[i], amount: amounts[i]))
            .Where(r => r.day > CalibrationEnd && r.day <= HoldoutEnd)
            .GroupBy(r => r.id)
            .ToDictionary(g => g.Key, g => (Purchases: g.Select(r => r.day).Distinct().Count(), Spend: g.Sum(r => r.amount)));
        for (int i = 0; i < split.Calibration.Count; i++)
        {
            int id = split.Calibration.CustomerIds[i];
            var expected = holdoutDays.GetValueOrDefault(id);
            Assert.Equal(expected.Purchases, split.HoldoutPurchases[i]);
            Assert.Equal(expected.Spend, split.HoldoutSpend[i], 1e-9);
        }

        Assert.Equal(0, split.NewCustomersInHoldout); // CDNOW_sample is the first-quarter 1997 cohort.
        Assert.Contains("2357 customers", split.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Customers_first_seen_in_the_holdout_are_excluded_and_rows_after_it_counted()
    {
        int[] ids = [1, 1, 2, 2, 3, 1];
        DateOnly[] dates = [new(2020, 1, 1), new(2020, 1, 5), new(2020, 1, 2), new(2020, 2, 2), new(2020, 2, 3), new(2020, 6, 1)];
        double[] amounts = [10, 20, 30, 40, 50, 60];
        var split = CalibrationHoldout.Split(ids, dates, amounts, new DateOnly(2020, 1, 31), new DateOnly(2020, 3, 31), RfmOptions.Days);
        Assert.Equal(2, split.Calibration.Count);
        Assert.Equal([0.0, 1.0], split.HoldoutPurchases.ToArray());
        Assert.Equal([0.0, 40.0], split.HoldoutSpend.ToArray());
        Assert.Equal(1, split.NewCustomersInHoldout);
        Assert.Equal(1, split.NewCustomerTransactions);
        Assert.Equal(1, split.TransactionsAfterHoldout);
        Assert.Equal(60, split.HoldoutLength);
        Assert.Throws<ArgumentException>(() => CalibrationHoldout.Split(ids, dates, amounts, new DateOnly(2020, 1, 31), new DateOnly(2020, 1, 31)));
    }

    [Fact]
    public void Diagnostics_equal_direct_computation()
    {
        CalibrationHoldoutSplit split = Split.Value;
        RfmSummary c = split.Calibration;
        IPurchaseModel model = ParetoNbd.Fit(c);

        // Calibration vs holdout by frequency.
        HoldoutByFrequency byFrequency = PurchaseDiagnostics.CalibrationVersusHoldout(split, model, 7);
        for (int bin = 0; bin <= 7; bin++)
        {
            int[] members = Enumerable.Range(0, c.Count).Where(i => Math.Min(c.Frequency[i], 7) == bin).ToArray();
            Assert.Equal(members.Length, byFrequency.Customers[bin]);
            Assert.Equal(members.Average(i => split.HoldoutPurchases[i]), byFrequency.ActualMean[bin], 1e-12);
            Assert.Equal(members.Average(i => model.ConditionalExpectedPurchases(split.HoldoutLength, c.Frequency[i], c.Recency[i], c.Age[i])), byFrequency.ExpectedMean[bin], 1e-9);
        }

        // Histogram: actual counts, expected Σ P(X(Tᵢ) = n) per customer, bins summing to the customers.
        PurchaseHistogram histogram = PurchaseDiagnostics.RepeatPurchases(c, model, 7);
        Assert.Equal(c.Count, histogram.Actual.Sum());
        Assert.Equal(c.Count, histogram.Expected.Sum(), 1e-6);
        for (int n = 0; n < 7; n++)
        {
            Assert.Equal(Enumerable.Range(0, c.Count).Count(i => c.Frequency[i] == n), histogram.Actual[n]);
            Assert.Equal(Enumerable.Range(0, c.Count).Sum(i => model.ProbabilityOfPurchases(c.Age[i], n)), histogram.Expected[n], 1e-6);
        }

        // Matrices.
        FrequencyRecencyMatrix alive = PurchaseDiagnostics.ProbabilityAliveMatrix(model, 10, 39, 13);
        FrequencyRecencyMatrix expected = PurchaseDiagnostics.ExpectedPurchasesMatrix(model, 52, 10, 39, 13);
        Assert.Equal(model.ProbabilityAlive(4, 12, 39), alive.Values[4, 4], 1e-15);
        Assert.Equal(model.ConditionalExpectedPurchases(52, 10, 39, 39), expected.Values[10, 13], 1e-15);
        Assert.True(double.IsNaN(alive.Values[0, 1]));
        Assert.Equal(model.ProbabilityAlive(0, 0, 39), alive.Values[0, 0], 1e-15);
        Assert.Equal(3.0, alive.Recency[1], 1e-12);
    }

    [Fact]
    public void Tracking_series_equals_a_direct_count_and_sum()
    {
        var (ids, dates, _) = Log.Value;
        IPurchaseModel model = BgNbdFitOnSplit();
        var start = new DateOnly(1997, 1, 1);
        TrackingSeries series = PurchaseDiagnostics.Tracking(model, ids, dates, start, CalibrationEnd, 78, PeriodUnit.Week);
        Assert.Equal(78, series.PeriodEnd.Length);
        Assert.Equal(new DateOnly(1997, 1, 7), series.PeriodEnd[0]);

        var perCustomer = ids.Select((id, i) => (id, day: dates[i].DayNumber)).Distinct().GroupBy(r => r.id)
            .Select(g => (First: g.Min(r => r.day), Days: g.Select(r => r.day).ToArray())).ToArray();
        for (int k = 0; k < 78; k += 11)
        {
            int end = series.PeriodEnd[k].DayNumber;
            double actual = perCustomer.Sum(cu => cu.Days.Count(d => d > cu.First && d <= end));
            double expected = perCustomer.Where(cu => cu.First <= end).Sum(cu => model.ExpectedPurchases((end - cu.First) / 7.0));
            Assert.Equal(actual, series.ActualCumulative[k]);
            Assert.Equal(expected, series.ExpectedCumulative[k], 1e-6);
        }

        Assert.Equal(series.ActualCumulative[^1], series.ActualIncremental.Sum());
        Assert.Equal(series.ExpectedCumulative[^1], series.ExpectedIncremental.Sum(), 1e-6);
    }

    [Fact]
    public void Comparison_table_and_likelihood_ratio_test()
    {
        CalibrationHoldoutSplit split = Split.Value;
        RfmSummary c = split.Calibration;
        var pareto = ParetoNbd.Fit(c);
        ModelComparisonRow[] rows = PurchaseDiagnostics.Compare(split, [("Pareto/NBD", pareto, ParetoNbdModel.ParameterCount)]);
        double[] errors = Enumerable.Range(0, c.Count)
            .Select(i => pareto.ConditionalExpectedPurchases(split.HoldoutLength, c.Frequency[i], c.Recency[i], c.Age[i]) - split.HoldoutPurchases[i]).ToArray();
        Assert.Equal(Math.Sqrt(errors.Average(e => e * e)), rows[0].HoldoutRmse, 1e-12);
        Assert.Equal(errors.Average(Math.Abs), rows[0].HoldoutMae, 1e-12);
        Assert.Equal(pareto.Aic, rows[0].Aic, 1e-9);
        Assert.Equal(pareto.Bic, rows[0].Bic, 1e-9);
        Assert.Equal(split.HoldoutPurchases.ToArray().Sum(), rows[0].ActualHoldoutTotal);
        string json = JsonSerializer.Serialize(rows[0], CustomerMetricsJsonContext.Default.ModelComparisonRow);
        Assert.Equal(rows[0], JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.ModelComparisonRow));

        // The χ² upper tail against MathNet's χ² distribution.
        LikelihoodRatioTest lr = PurchaseDiagnostics.LikelihoodRatio(-9700, 2, -9595, 4);
        Assert.Equal(210, lr.Statistic, 1e-12);
        Assert.Equal(2, lr.DegreesOfFreedom);
        Assert.Equal(1 - ChiSquared.CDF(2, 210), lr.PValue, 1e-15);
        LikelihoodRatioTest small = PurchaseDiagnostics.LikelihoodRatio(-100, 1, -99, 2);
        Assert.Equal(1 - ChiSquared.CDF(1, 2), small.PValue, 1e-12);
        Assert.Equal(1, PurchaseDiagnostics.LikelihoodRatio(-99, 1, -100, 2).PValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => PurchaseDiagnostics.LikelihoodRatio(-99, 2, -100, 2));
        Assert.Equal(small, JsonSerializer.Deserialize(JsonSerializer.Serialize(small, CustomerMetricsJsonContext.Default.LikelihoodRatioTest), CustomerMetricsJsonContext.Default.LikelihoodRatioTest));
    }

    [Fact]
    public void ReadMe_model_comparison_runs_and_is_in_the_readme()
    {
        var (customerIds, dates, amounts) = Log.Value;

        // README model comparison begin
        CalibrationHoldoutSplit split = CalibrationHoldout.Split(customerIds, dates, amounts,
            calibrationEnd: new DateOnly(1997, 9, 30), holdoutEnd: new DateOnly(1998, 6, 30), RfmOptions.Weeks);
        BgNbdModel bgNbd = BgNbd.Fit(split.Calibration);
        ParetoNbdModel pareto = ParetoNbd.Fit(split.Calibration);
        MbgNbdModel mbgNbd = MbgNbd.Fit(split.Calibration);
        ModelComparisonRow[] table = PurchaseDiagnostics.Compare(split,
        [
            ("BG/NBD", new BgNbdPurchaseModel(bgNbd), 4),
            ("Pareto/NBD", pareto, ParetoNbdModel.ParameterCount),
            ("MBG/NBD", mbgNbd, MbgNbdModel.ParameterCount),
        ]);
        HoldoutByFrequency byFrequency = PurchaseDiagnostics.CalibrationVersusHoldout(split, pareto, maxFrequency: 7);
        TrackingSeries tracking = PurchaseDiagnostics.Tracking(pareto, customerIds, dates,
            start: new DateOnly(1997, 1, 1), calibrationEnd: split.CalibrationEnd, periods: 78, PeriodUnit.Week);
        double dert = pareto.DiscountedExpectedResidualTransactions(discountRate: Math.Log(1.15) / 52, 2, 30.43, 38.86);
        // README model comparison end

        Assert.Equal(3, table.Length);
        Assert.All(table, row => Assert.InRange(row.ExpectedHoldoutTotal, 0.8 * row.ActualHoldoutTotal, 1.2 * row.ActualHoldoutTotal));
        Assert.Equal(8, byFrequency.Frequency.Length);
        Assert.Equal(78, tracking.PeriodEnd.Length);
        Assert.True(dert > 0);
        Assert.Contains(Snippet("README model comparison"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }

    private static BgNbdPurchaseModel BgNbdFitOnSplit() => new(BgNbd.Fit(Split.Value.Calibration));

    private static string Snippet(string marker)
    {
        string[] lines = File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, "tests", "CustomerMetrics.Tests", "Value", "Models", "Validation", "PurchaseDiagnosticsTests.cs"));
        int begin = Array.FindIndex(lines, line => line.Trim() == $"// {marker} begin");
        int end = Array.FindIndex(lines, line => line.Trim() == $"// {marker} end");
        string[] body = lines[(begin + 1)..end];
        int indent = body.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
        return string.Join('\n', body.Select(line => line.Length >= indent ? line[indent..] : line.Trim()));
    }
}
