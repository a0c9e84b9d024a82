using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Options of <see cref="Raking"/>: when to stop, and optional weight trimming. Every setter checks its value, so an
/// instance is always valid.
/// </summary>
/// <remarks><threadsafety>Immutable once built; safe to share across threads.</threadsafety></remarks>
public sealed record RakingOptions
{
    private readonly double _tolerance = 1e-6;
    private readonly int _maxIterations = 100;
    private readonly double? _lowerTrim;
    private readonly double? _upperTrim;

    /// <summary>The defaults: tolerance 1e-6, at most 100 sweeps, no trimming.</summary>
    public static RakingOptions Default { get; } = new();

    /// <summary>
    /// Stop when every weighted category share is within this distance of its target share (a fraction: 1e-6 means
    /// 0.0001 percentage points). Finite and above 0; 1e-6 by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and above 0.</exception>
    public double Tolerance
    {
        get => _tolerance;
        init
        {
            Guard.PositiveFinite(value, paramName: nameof(Tolerance));
            _tolerance = value;
        }
    }

    /// <summary>At most this many sweeps over all variables, 1 to 1,000,000; 100 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 1,000,000.</exception>
    public int MaxIterations
    {
        get => _maxIterations;
        init
        {
            Guard.InRange(value, 1, 1_000_000, nameof(MaxIterations));
            _maxIterations = value;
        }
    }

    /// <summary>
    /// Lower trimming bound as a multiple of the mean weight (for example 0.3): after each sweep, weights below
    /// LowerTrim × mean are raised to it, then raking continues. <see langword="null"/> (default): no lower bound.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1).</exception>
    public double? LowerTrim
    {
        get => _lowerTrim;
        init
        {
            if (value is double v && !(v >= 0 && v < 1))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(LowerTrim), v, "0 ≤ LowerTrim < 1 (a multiple of the mean weight), or null");
            }

            _lowerTrim = value;
        }
    }

    /// <summary>
    /// Upper trimming bound as a multiple of the mean weight (for example 5, anesrake's default cap): after each sweep,
    /// weights above UpperTrim × mean are cut to it, then raking continues. <see langword="null"/> (default): no bound.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and above 1.</exception>
    public double? UpperTrim
    {
        get => _upperTrim;
        init
        {
            if (value is double v && !(v > 1 && double.IsFinite(v)))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(UpperTrim), v, "finite numbers > 1 (a multiple of the mean weight), or null");
            }

            _upperTrim = value;
        }
    }
}
