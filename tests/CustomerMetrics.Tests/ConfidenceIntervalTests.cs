namespace CustomerMetrics.Tests;

public class ConfidenceIntervalTests
{
    [Fact]
    public void Contains_is_closed_and_rejects_nan()
    {
        var interval = new ConfidenceInterval(-1, 2, 0.95);
        Assert.True(interval.Contains(-1));
        Assert.True(interval.Contains(2));
        Assert.False(interval.Contains(2.0000001));
        Assert.False(interval.Contains(double.NaN));
        Assert.Equal(3, interval.Width);
    }
}
