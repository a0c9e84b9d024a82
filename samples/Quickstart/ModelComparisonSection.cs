using System.Globalization;
using CustomerMetrics;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using CustomerMetrics.Value.Models.Validation;

/// <summary>The model-comparison section of the quickstart: BG/NBD, Pareto/NBD and MBG/NBD on a calibration/holdout split of a synthetic log.</summary>
internal static class ModelComparisonSection
{
    public static void Print(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("== Model comparison on a holdout (BG/NBD, Pareto/NBD, MBG/NBD)");

        // 3,000 customers from a Pareto/NBD with weekly r = 0.55, α = 10.6, s = 0.6, β = 11.7 (seeded), first purchases in
        // the first 12 weeks of 1997, the log running 78 weeks; calibration 39 weeks, holdout 39 weeks.
        var (ids, dates, amounts) = SimulateLog(3_000, seed: 5);
        var start = new DateOnly(1997, 1, 1);
        CalibrationHoldoutSplit split = CalibrationHoldout.Split(ids, dates, amounts, start.AddDays(272), start.AddDays(545), RfmOptions.Weeks);
        output.WriteLine(split.ToString());
        ParetoNbdModel pareto = ParetoNbd.Fit(split.Calibration);
        output.WriteLine(pareto.ToString());
        BgNbdModel bgNbd = BgNbd.Fit(split.Calibration);
        ModelComparisonRow[] table = PurchaseDiagnostics.Compare(split,
        [
            ("BG/NBD", new BgNbdPurchaseModel(bgNbd), 4),
            ("Pareto/NBD", pareto, ParetoNbdModel.ParameterCount),
            ("MBG/NBD", MbgNbd.Fit(split.Calibration), MbgNbdModel.ParameterCount),
        ]);
        foreach (ModelComparisonRow row in table)
        {
            output.WriteLine("  " + row);
        }

        // Intervals from parameter uncertainty (delta method) and DERT, BG/NBD.
        RfmSummary calibration = split.Calibration;
        BgNbdUncertainty uncertainty = BgNbdUncertainty.Estimate(bgNbd, calibration);
        ConfidenceInterval holdoutTotal = uncertainty.BaseExpectedPurchases(split.HoldoutLength, calibration.Frequency, calibration.Recency, calibration.Age);
        double actual = 0;
        foreach (double purchases in split.HoldoutPurchases)
        {
            actual += purchases;
        }

        output.WriteLine(string.Create(inv, $"BG/NBD expected holdout purchases, 95 % interval from parameter uncertainty: {holdoutTotal}; actual {actual:0}"));
        output.WriteLine(string.Create(inv,
            $"Customer x = 2, tx = 30, T = 38 weeks: P(alive) {uncertainty.ProbabilityAlive(2, 30, 38)}, next 39 weeks {uncertainty.ConditionalExpectedPurchases(39, 2, 30, 38)}, DERT at 15 %/year {bgNbd.DiscountedExpectedResidualTransactions(Math.Log(1.15) / 52, 2, 30, 38):0.00}"));

        HoldoutByFrequency bins = PurchaseDiagnostics.CalibrationVersusHoldout(split, pareto, maxFrequency: 5);
        output.WriteLine("Holdout purchases by calibration frequency (actual / Pareto/NBD):");
        for (int b = 0; b < bins.Frequency.Length; b++)
        {
            output.WriteLine(string.Create(inv, $"  x {(b == bins.Frequency.Length - 1 ? ">=" : "= ")}{bins.Frequency[b]}: {bins.Customers[b],5} customers, {bins.ActualMean[b]:0.00} / {bins.ExpectedMean[b]:0.00}"));
        }
    }

    private static (int[] Ids, DateOnly[] Dates, double[] Amounts) SimulateLog(int customers, int seed)
    {
        var random = new Random(seed);
        var lambdas = new MathNet.Numerics.Distributions.Gamma(0.55, 10.6, random);
        var mus = new MathNet.Numerics.Distributions.Gamma(0.6, 11.7, random);
        var ids = new List<int>();
        var dates = new List<DateOnly>();
        var amounts = new List<double>();
        var start = new DateOnly(1997, 1, 1);
        for (int id = 1; id <= customers; id++)
        {
            double lambda = lambdas.Sample(), death = -Math.Log(1 - random.NextDouble()) / mus.Sample();
            int first = random.Next(84);
            double end = Math.Min(death, (545 - first) / 7.0), time = 0;
            ids.Add(id);
            dates.Add(start.AddDays(first));
            amounts.Add(20);
            while ((time += -Math.Log(1 - random.NextDouble()) / lambda) <= end)
            {
                ids.Add(id);
                dates.Add(start.AddDays(first + (int)(time * 7)));
                amounts.Add(20 + (10 * random.NextDouble()));
            }
        }

        return (ids.ToArray(), dates.ToArray(), amounts.ToArray());
    }
}
