using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// The README's probabilistic example on CDNOW: the published parameters (Fader, Hardie &amp; Lee 2005), the published
/// conditional expectation for the paper's example customer, closed forms for P(alive) and the sBG survival, and the
/// CLV rebuilt from its definition.
/// </summary>
public class ModelsReadMeTests
{
    [Fact]
    public void Models_example_runs_and_reproduces_the_published_figures()
    {
        var (customerIds, dates, amounts) = RfmCdnowTests.ReadSample();
        double[] x = CdnowSummary.Data.Frequency, tx = CdnowSummary.Data.Recency, T = CdnowSummary.Data.Age;

        // README models example begin
        // From a transaction log: the RFM summary in weeks carries its unit into the models and the CLV.
        RfmSummary rfm = Rfm.Summarize(customerIds, dates, amounts, new DateOnly(1997, 9, 30), RfmOptions.Weeks);
        BgNbdModel purchases = BgNbd.Fit(rfm);                    // r, α, a, b; LogLikelihood; FitInfo; *StandardError
        GammaGammaModel spend = GammaGamma.Fit(rfm);              // customers with x = 0 skipped and counted
        var clvs = new double[rfm.Count];
        ProbabilisticClv.Discounted(purchases, spend, rfm, months: 12, monthlyDiscountRate: 0.01, clvs);

        // Or from plain columns (x = repeat purchases, tx = recency, T = age, zbar = mean repeat spend):
        BgNbdModel fromColumns = BgNbd.Fit(x, tx, T, weights: default, penalty: 0);
        double alive = purchases.ProbabilityAlive(2, 30.43, 38.86);
        double next39 = purchases.ConditionalExpectedPurchases(39, 2, 30.43, 38.86);
        double clv = ProbabilisticClv.Discounted(purchases, spend, PeriodUnit.Week, months: 12, monthlyDiscountRate: 0.01,
            frequency: 2, recency: 30.43, age: 38.86, meanSpend: 22.35);
        ShiftedBetaGeometricModel cohort = ShiftedBetaGeometric.Fit([1000, 631, 468, 382, 326, 289, 262, 241]);
        double survivingYear10 = cohort.Survival(10);
        // README models example end

        foreach (BgNbdModel model in new[] { purchases, fromColumns })
        {
            Assert.Equal(0.243, model.R, 0.001);
            Assert.Equal(4.414, model.Alpha, 0.001);
            Assert.Equal(0.793, model.A, 0.001);
            Assert.Equal(2.426, model.B, 0.001);
        }

        Assert.Equal(6.25, spend.P, 0.01);
        Assert.Equal(3.74, spend.Q, 0.01);
        Assert.Equal(15.44, spend.Gamma, 0.01);
        Assert.Equal(1.226, next39, 0.001);                               // Fader, Hardie & Lee 2005, section 5

        // P(alive | x, tx, T) = 1 / (1 + a / (b + x − 1) · ((α + T) / (α + tx))^(r + x)) (same paper, eq. 13).
        double r = purchases.R, alpha = purchases.Alpha, a = purchases.A, b = purchases.B;
        Assert.Equal(1 / (1 + (a / (b + 2 - 1) * Math.Pow((alpha + 38.86) / (alpha + 30.43), r + 2))), alive, 12);

        // CLV = E[Z | x, z̄] Σᵢ (E[Y(i k)] − E[Y((i − 1) k)]) / 1.01ⁱ, k = 30.4375 / 7 weeks a month, Gamma-Gamma mean in closed form.
        double meanSpend = spend.P * (spend.Gamma + (2 * 22.35)) / ((spend.P * 2) + spend.Q - 1);
        double k = 30.4375 / 7, expected = 0;
        for (int i = 1; i <= 12; i++)
        {
            expected += (purchases.ConditionalExpectedPurchases(i * k, 2, 30.43, 38.86) - purchases.ConditionalExpectedPurchases((i - 1) * k, 2, 30.43, 38.86))
                / Math.Pow(1.01, i);
        }

        Assert.Equal(meanSpend * expected, clv, 9);
        Assert.Equal(rfm.Count, clvs.Length);
        Assert.All(clvs, v => Assert.True(v >= 0 && double.IsFinite(v)));

        // sBG, regular customers: α = 0.704, β = 1.182 (Fader & Hardie 2007); S(t) = B(α, β + t) / B(α, β).
        Assert.Equal(0.704, cohort.Alpha, 0.001);
        Assert.Equal(1.182, cohort.Beta, 0.001);
        double survival = Math.Exp(MathNet.Numerics.SpecialFunctions.BetaLn(cohort.Alpha, cohort.Beta + 10) - MathNet.Numerics.SpecialFunctions.BetaLn(cohort.Alpha, cohort.Beta));
        Assert.Equal(survival, survivingYear10, 9);
        Assert.Contains(ReadMeTests.Snippet("README models example"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
