using CustomerMetrics.Internal;

namespace CustomerMetrics.Loyalty;

/// <summary>Accumulates the sums of a <see cref="SpendSummary"/> one amount at a time (compensated sums); the caller validates amounts.</summary>
internal struct SpendAccumulator
{
    private NeumaierSum _sum;
    private NeumaierSum _squares;
    private NeumaierSum _logs;
    private NeumaierSum _logSquares;
    private long _count;
    private long _positive;

    /// <summary>Adds one amount, finite and ≥ 0 (checked by the caller).</summary>
    public void Add(double x)
    {
        _count++;
        _sum.Add(x);
        _squares.Add(x * x);
        if (x > 0)
        {
            double log = Math.Log(x);
            _positive++;
            _logs.Add(log);
            _logSquares.Add(log * log);
        }
    }

    /// <summary>The summary of the amounts added.</summary>
    public readonly SpendSummary ToSummary() => new(_count, _sum.Value, _squares.Value, _positive, _logs.Value, _logSquares.Value);
}
