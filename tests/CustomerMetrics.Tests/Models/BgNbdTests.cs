namespace CustomerMetrics.Tests.Models;

using CustomerMetrics.Value;

public class BgNbdTests
{
    private static readonly Lazy<BgNbdModel> Cdnow = new(() =>
        BgNbd.Fit(CdnowSummary.Data.Frequency, CdnowSummary.Data.Recency, CdnowSummary.Data.Age));

    [Fact]
    public void Cdnow_fit_reproduces_Fader_Hardie_Lee_2005()
    {
        BgNbdModel model = Cdnow.Value;
        Assert.Equal(2357, CdnowSummary.Data.Frequency.Length);
        Assert.True(model.FitInfo.Converged, model.ToString());
        Assert.Equal(0.243, model.R, 0.001);
        Assert.Equal(4.414, model.Alpha, 0.001);
        Assert.Equal(0.793, model.A, 0.001);
        Assert.Equal(2.426, model.B, 0.001);
        Assert.Equal(-9582.4, model.LogLikelihood, 0.1);
        Assert.Equal(2357, model.Customers);
    }
}
