namespace CustomerMetrics.Internal;

/// <summary>
/// A running double sum with Neumaier's compensation (an improved Kahan sum): the error stays at a few ulps of the
/// result whatever the number of terms or their order of magnitude. For streaming sums that cannot be pairwise.
/// </summary>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double value) => CompensatedSum.Add(ref _sum, ref _compensation, value);
}
