using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// From the raw CDNOW transaction log to the published model parameters with no hand-made columns in between:
/// <c>Rfm.Summarize</c> feeds <see cref="BgNbd.Fit(RfmSummary)"/> and <see cref="GammaGamma.Fit(RfmSummary)"/>.
/// </summary>
public class CdnowEndToEndTests
{
    private static readonly Lazy<RfmSummary> Summary = new(() =>
    {
        var (ids, dates, amounts) = RfmCdnowTests.ReadSample();
        return Rfm.Summarize(ids, dates, amounts, new DateOnly(1997, 9, 30), RfmOptions.Weeks);
    });

    [Fact]
    public void Transaction_log_to_published_bgnbd_and_gamma_gamma_parameters()
    {
        BgNbdModel purchases = BgNbd.Fit(Summary.Value);
        Assert.Equal(0.243, purchases.R, 0.001);
        Assert.Equal(4.414, purchases.Alpha, 0.001);
        Assert.Equal(0.793, purchases.A, 0.001);
        Assert.Equal(2.426, purchases.B, 0.001);
        Assert.Equal(-9582.4, purchases.LogLikelihood, 0.1);

        GammaGammaModel spend = GammaGamma.Fit(Summary.Value);
        Assert.Equal(6.25, spend.P, 0.01);
        Assert.Equal(3.74, spend.Q, 0.01);
        Assert.Equal(15.44, spend.Gamma, 0.01);
        Assert.Equal(2357 - 946, spend.SkippedWithoutRepeat);
    }

    [Fact]
    public void Summary_clv_uses_the_summary_unit_and_equals_the_explicit_weekly_call()
    {
        RfmSummary summary = Summary.Value;
        BgNbdModel purchases = BgNbdTests.Cdnow.Value;
        GammaGammaModel spend = GammaGammaTests.Cdnow.Value;
        var fromSummary = new double[summary.Count];
        var explicitWeeks = new double[summary.Count];
        ProbabilisticClv.Discounted(purchases, spend, summary, 12, 0.01, fromSummary);
        ProbabilisticClv.Discounted(purchases, spend, PeriodUnit.Week, 12, 0.01, summary.Frequency, summary.Recency, summary.Age, summary.MeanSpend, explicitWeeks);
        Assert.Equal(explicitWeeks, fromSummary);
        Assert.True(fromSummary.Max() > 100);
        Assert.Throws<ArgumentException>(() => ProbabilisticClv.Discounted(purchases, spend, summary, 12, 0.01, new double[summary.Count - 1]));
    }
}
