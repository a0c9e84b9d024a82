using CustomerMetrics.Loyalty;
using CustomerMetrics.Service;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Service;

/// <summary>The README's service, loyalty and concentration example, checked against figures worked by hand.</summary>
public class ServiceReadMeTests
{
    [Fact]
    public void Service_loyalty_and_concentration_example_runs_and_gives_the_hand_worked_figures()
    {
        // README service example begin
        // Tickets: creation and first-response times in seconds; ServiceTimes.Missing = not answered yet.
        long[] created = [0, 60, 120, 180, 240];
        long[] responded = [300, 1_260, 400, ServiceTimes.Missing, 500];
        ServiceLevelResult sla = ServiceLevel.Calculate(created, responded, threshold: 600);       // within 10 minutes
        QuantileSketch firstResponse = ServiceTimes.Durations(created, responded, scale: 1 / 60.0); // minutes; merges

        // Loyalty: members against non-members, and the programme's ROI.
        SpendComparison spend = LoyaltyProgramme.CompareSpend([120, 80, 200, 95], [60, 75, 40, 90]);
        ProgrammeRoi roi = LoyaltyProgramme.Roi(spend, members: 1_000, grossMargin: 0.4, programmeCost: 10_000);

        // Value concentration and value by NPS group.
        double[] revenue = [5, 10, 20, 40, 80, 160, 320, 640];
        GiniResult gini = Concentration.Gini(revenue);               // with a jackknife interval
        double top20 = Concentration.TopShare(revenue, 0.20);         // share held by the top 20 % of customers
        NpsGroupValue byGroup = ValueByNps.Calculate([10, 9, 8, 3, 10, 6, 7, 9], revenue);
        ConfidenceInterval ratio = byGroup.PromotersVsDetractors.RatioInterval(); // promoters worth ×k detractors?
        // README service example end

        Assert.Contains(ReadMeTests.Snippet("README service example"), ReadMeTests.ReadMe(), StringComparison.Ordinal);

        // Answered after 300, 1,200, 280 and 260 s; one open: 3 of 4 within 600 s.
        Assert.Equal(0.75, sla.Share);
        Assert.Equal(1, sla.Open);
        // Exact below the capacity: the lower median of 260, 280, 300, 1,200 s is 280 s.
        Assert.Equal(280 / 60.0, firstResponse.Median, 12);
        // Members' mean 123.75 against 66.25: +57.50; ROI = (1,000 × 57.5 × 0.4 − 10,000) ÷ 10,000 = 1.3.
        Assert.Equal(57.5, spend.Difference, 12);
        Assert.Equal(1.3, roi.Roi, 12);
        // Pairs of 5 × 2ᵏ: Σ|xᵢ − xⱼ| over unordered pairs by hand, total 1,275.
        double pairs = 0;
        for (int i = 0; i < revenue.Length; i++)
        {
            for (int j = i + 1; j < revenue.Length; j++)
            {
                pairs += Math.Abs(revenue[i] - revenue[j]);
            }
        }

        Assert.Equal(pairs / (8 * 1275), gini.Gini, 12);
        Assert.True(gini.Interval().Contains(gini.Gini));
        // The top 1.6 customers: 640 + 0.6 × 320 = 832 of 1,275.
        Assert.Equal(832 / 1275.0, top20, 12);
        // Promoters 5, 10, 80, 640 (mean 183.75); detractors 40, 160 (mean 100).
        Assert.Equal(1.8375, byGroup.PromotersVsDetractors.Ratio, 12);
        Assert.True(ratio.Contains(1.8375));
    }
}
