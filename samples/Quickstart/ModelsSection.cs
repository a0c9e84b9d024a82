using System.Globalization;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

/// <summary>The probabilistic-model section of the quickstart: BG/NBD, Gamma-Gamma, CLV and sBG on synthetic data.</summary>
internal static class ModelsSection
{
    public static void Print(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("== Probabilistic customer value (BG/NBD, Gamma-Gamma, sBG)");

        // 5,000 customers simulated from known weekly parameters r = 0.25, α = 4, a = 0.8, b = 2.5 (seeded).
        var (x, tx, t, spend) = Simulate(5_000, seed: 7);
        BgNbdModel purchases = BgNbd.Fit(x, tx, t);
        output.WriteLine(string.Create(inv, $"BG/NBD  true r = 0.25, α = 4, a = 0.8, b = 2.5 -> fitted {purchases}"));
        GammaGammaModel value = GammaGamma.Fit(x, spend);
        output.WriteLine(string.Create(inv, $"Spend   true p = 6, q = 4, γ = 15 -> fitted {value}"));

        var clv = new double[x.Length];
        ProbabilisticClv.Discounted(purchases, value, PeriodUnit.Week, months: 12, monthlyDiscountRate: 0.01, x, tx, t, spend, clv);
        output.WriteLine("Top 5 customers by 12-month discounted CLV (weekly data, 1 % a month):");
        foreach (int i in Enumerable.Range(0, x.Length).OrderByDescending(i => clv[i]).Take(5))
        {
            output.WriteLine(string.Create(inv,
                $"  #{i,-5} x = {x[i],2}, tx = {tx[i],5:0.0}, T = {t[i],5:0.0}, P(alive) = {purchases.ProbabilityAlive(x[i], tx[i], t[i]):0.00}, CLV = {clv[i],8:0.00}"));
        }

        ShiftedBetaGeometricModel retention = ShiftedBetaGeometric.Fit([1000, 631, 468, 382, 326, 289, 262, 241]);
        output.WriteLine(string.Create(inv, $"sBG on a regular cohort, years 0-7: {retention}"));
        var curve = new double[13];
        retention.SurvivalCurve(curve);
        output.WriteLine("Projected survivors per 1,000, years 8-12: " + string.Join(", ", curve[8..].Select(s => (1000 * s).ToString("0", inv))));
        output.WriteLine(string.Create(inv, $"Discounted expected residual lifetime after 3 renewals at 10 %: {retention.DiscountedExpectedResidualLifetime(3, 0.10):0.00} years"));
    }

    private static (double[] X, double[] Tx, double[] T, double[] Spend) Simulate(int n, int seed)
    {
        var random = new Random(seed);
        var gamma = new MathNet.Numerics.Distributions.Gamma(0.25, 4, random);
        var beta = new MathNet.Numerics.Distributions.Beta(0.8, 2.5, random);
        var nu = new MathNet.Numerics.Distributions.Gamma(4, 15, random);
        double[] x = new double[n], tx = new double[n], t = new double[n], spend = new double[n];
        for (int i = 0; i < n; i++)
        {
            double lambda = gamma.Sample(), p = beta.Sample(), scale = nu.Sample();
            double age = 39 * (0.25 + (0.75 * random.NextDouble()));
            double time = 0, last = 0, total = 0;
            int count = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > age)
                {
                    break;
                }

                count++;
                last = time;
                total += MathNet.Numerics.Distributions.Gamma.Sample(random, 6, scale);
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            (x[i], tx[i], t[i], spend[i]) = (count, last, age, count > 0 ? total / count : 0);
        }

        return (x, tx, t, spend);
    }
}
