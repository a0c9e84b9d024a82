using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Service;

/// <summary>
/// A mergeable quantile sketch of non-negative values with a relative-error guarantee: DDSketch (Masson, Rim &amp; Lee
/// 2019, <i>DDSketch: a fast and fully-mergeable quantile sketch with relative-error guarantees</i>, PVLDB 12(12)).
/// Every quantile it returns lies within a factor (1 ± α) of the exact order statistic, whatever the distribution
/// (heavy tails, several modes, values from 10⁻³⁰⁸ to 10³⁰⁸).
/// </summary>
/// <remarks>
/// <para><b>Quantile definition.</b> <see cref="Quantile"/>(q) estimates the lower order statistic
/// x₍⌊q(n − 1)⌋₎ of the sorted values x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ (the paper's definition; no interpolation), so the median of
/// {1, 2} is 1.</para>
/// <para><b>Exact below a size threshold.</b> Up to <see cref="ExactCapacity"/> values are kept as they are and quantiles
/// are exact; beyond it the values move into logarithmic buckets: value x &gt; 0 goes to bucket
/// k = ⌈log_γ x⌉ with γ = (1 + α)/(1 − α), and bucket k reports 2γᵏ/(γ + 1), within α of every value in
/// (γᵏ⁻¹, γᵏ]. Zeros are counted apart and reported exactly. Reported quantiles are clamped to [<see cref="Min"/>,
/// <see cref="Max"/>], which only brings them closer.</para>
/// <para><b>Merging.</b> Bucket counts add, so <see cref="Merge"/>, <c>+</c> and <see cref="Add(QuantileSketch, QuantileSketch)"/>
/// are exact: the merge of sketches of two partitions equals the sketch of all the values (same exact values or same
/// bucket counts), in any order and grouping. Sketches merge only with the same α and exact capacity.</para>
/// <para><b>Memory.</b> One 8-byte counter per bucket between the smallest and largest key seen: about
/// ln(max/min)/(2α) counters (230 for values from 1 s to 1 day at α = 0.01, at most about 73,000 for the whole double
/// range). Insertion allocates only when the key range grows; <see cref="Clear"/> keeps the storage.</para>
/// <para><b>Speed.</b> <see cref="Add(ReadOnlySpan{double})"/> computes bucket keys four at a time with a vector
/// logarithm (hardware-accelerated 256-bit vectors) and exact <see cref="Math.Log(double)"/> elsewhere.</para>
/// <para>Only values that are finite and ≥ 0 are accepted (durations, amounts); a strict insertion throws and leaves the
/// sketch unchanged, <see cref="AddLenient"/> skips and counts the others in <see cref="Rejected"/>.</para>
/// <threadsafety>Reads are thread-safe; insertion and merging mutate the sketch and need exclusive access.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed partial class QuantileSketch
{
    /// <summary>The default relative accuracy α = 0.01 (quantiles within ±1 %).</summary>
    public const double DefaultRelativeAccuracy = 0.01;

    /// <summary>The default number of values kept exactly before bucketing: 1,024.</summary>
    public const int DefaultExactCapacity = 1024;

    /// <summary>The largest exact capacity accepted: 4,096 values (a quantile query sorts a stack copy of them).</summary>
    public const int MaxExactCapacity = 4096;

    private const double MinRelativeAccuracy = 1e-4;
    private const double MaxRelativeAccuracy = 0.5;

    private readonly double _gamma;
    private readonly double _inverseLogGamma;
    private readonly int _lowestKey;
    private readonly int _highestKey;
    private double[] _exact = [];
    private int _exactCount;
    private bool _bucketed;
    private long[] _counts = [];
    private int _offset;
    private int _minKey = int.MaxValue;
    private int _maxKey = int.MinValue;
    private long _zeroCount;
    private long _count;
    private long _rejected;
    private double _sum;
    private double _compensation;
    private double _min = double.NaN;
    private double _max = double.NaN;

    /// <summary>Creates an empty sketch with α = 0.01 and 1,024 exact values.</summary>
    public QuantileSketch()
        : this(DefaultRelativeAccuracy, DefaultExactCapacity)
    {
    }

    /// <summary>Creates an empty sketch with 1,024 exact values.</summary>
    /// <param name="relativeAccuracy">α, the relative accuracy of every quantile once bucketed, from 0.0001 to 0.5 (exclusive).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relativeAccuracy"/> is out of range.</exception>
    public QuantileSketch(double relativeAccuracy)
        : this(relativeAccuracy, DefaultExactCapacity)
    {
    }

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="relativeAccuracy">α, the relative accuracy of every quantile once bucketed, from 0.0001 to 0.5 (exclusive).</param>
    /// <param name="exactCapacity">How many values to keep exactly before bucketing, 0 to <see cref="MaxExactCapacity"/> (0: bucket from the first value).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public QuantileSketch(double relativeAccuracy, int exactCapacity)
    {
        if (!(relativeAccuracy >= MinRelativeAccuracy && relativeAccuracy < MaxRelativeAccuracy))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(relativeAccuracy), relativeAccuracy, "0.0001 ≤ α < 0.5 (0.01 for ±1 %)");
        }

        if (exactCapacity is < 0 or > MaxExactCapacity)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(exactCapacity), exactCapacity, "0 to 4,096 values");
        }

        RelativeAccuracy = relativeAccuracy;
        ExactCapacity = exactCapacity;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _inverseLogGamma = 1 / Math.Log(_gamma);
        _bucketed = exactCapacity == 0;
        _lowestKey = Key(double.Epsilon) - 1;
        _highestKey = Key(double.MaxValue) + 1;
    }

    /// <summary>Restores a sketch from its serialised state (the JSON form); validates every member.</summary>
    /// <param name="relativeAccuracy">α, as in the main constructor.</param>
    /// <param name="exactCapacity">The exact capacity, as in the main constructor.</param>
    /// <param name="exactValues">The values kept exactly (non-negative, finite, at most <paramref name="exactCapacity"/>); empty once bucketed.</param>
    /// <param name="zeroCount">Bucketed zeros, ≥ 0 (0 while exact).</param>
    /// <param name="firstKey">The key of the first entry of <paramref name="bucketCounts"/>.</param>
    /// <param name="bucketCounts">Counts of consecutive bucket keys from <paramref name="firstKey"/>, each ≥ 0.</param>
    /// <param name="sum">The sum of all values, finite and ≥ 0.</param>
    /// <param name="min">The smallest value (NaN when empty).</param>
    /// <param name="max">The largest value (NaN when empty).</param>
    /// <param name="rejected">Values a lenient insertion skipped, ≥ 0.</param>
    /// <exception cref="ArgumentException">A member is out of range or disagrees with the others (the message names it).</exception>
    [JsonConstructor]
    public QuantileSketch(double relativeAccuracy, int exactCapacity, IReadOnlyList<double> exactValues, long zeroCount,
        int firstKey, IReadOnlyList<long> bucketCounts, double sum, double min, double max, long rejected)
        : this(relativeAccuracy, exactCapacity)
    {
        ArgumentNullException.ThrowIfNull(exactValues);
        ArgumentNullException.ThrowIfNull(bucketCounts);
        Guard.NonNegative(zeroCount);
        Guard.NonNegative(rejected);
        Guard.NonNegativeFinite(sum);
        bool bucketed = zeroCount > 0 || bucketCounts.Count > 0 || exactCapacity == 0;
        if (bucketed && exactValues.Count > 0)
        {
            ThrowHelper.Argument(nameof(exactValues), "A bucketed sketch keeps no exact values; exactValues must be empty when zeroCount or bucketCounts is not.");
        }

        if (exactValues.Count > exactCapacity)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(exactValues), exactValues.Count, string.Create(CultureInfo.InvariantCulture, $"at most exactCapacity = {exactCapacity} values"));
        }

        if (bucketCounts.Count > 0 && (firstKey < _lowestKey || (long)firstKey + bucketCounts.Count - 1 > _highestKey))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(firstKey), firstKey, "keys of positive finite doubles for this α");
        }

        _bucketed = bucketed;
        if (!bucketed)
        {
            _exact = new double[exactCapacity];
            for (int i = 0; i < exactValues.Count; i++)
            {
                double value = exactValues[i];
                if (!(value >= 0) || double.IsPositiveInfinity(value))
                {
                    ThrowHelper.ValueOutOfRange(nameof(exactValues), i, value, "finite numbers ≥ 0");
                }

                _exact[i] = value;
            }

            _exactCount = exactValues.Count;
            _count = _exactCount;
        }
        else
        {
            _zeroCount = zeroCount;
            long total = zeroCount;
            for (int i = 0; i < bucketCounts.Count; i++)
            {
                long count = bucketCounts[i];
                if (count < 0)
                {
                    ThrowHelper.ValueOutOfRange(nameof(bucketCounts), i, count, 0, long.MaxValue);
                }

                if (count > 0)
                {
                    int key = firstKey + i;
                    EnsureKey(key);
                    _counts[key - _offset] = count;
                    _minKey = Math.Min(_minKey, key);
                    _maxKey = Math.Max(_maxKey, key);
                    total = checked(total + count);
                }
            }

            _count = total;
        }

        _rejected = rejected;
        _sum = sum;
        if (_count == 0)
        {
            if (sum != 0)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(sum), sum, "0 for an empty sketch");
            }

            return;
        }

        if (!(min >= 0 && min <= max) || double.IsPositiveInfinity(max))
        {
            ThrowHelper.Argument(nameof(min), string.Create(CultureInfo.InvariantCulture,
                $"min = {min:R} and max = {max:R} must be finite with 0 ≤ min ≤ max for a sketch of {_count} values."));
        }

        _min = min;
        _max = max;
    }

    /// <summary>α: once bucketed, every quantile is within a factor 1 ± α of the exact one.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>How many values the sketch keeps exactly before it switches to buckets.</summary>
    public int ExactCapacity { get; }

    /// <summary>Values inserted.</summary>
    [JsonIgnore]
    public long Count => _count;

    /// <summary>Whether quantiles are exact (at most <see cref="ExactCapacity"/> values, kept as they are).</summary>
    [JsonIgnore]
    public bool IsExact => !_bucketed;

    /// <summary>Values a lenient insertion skipped (negative, NaN or infinite); 0 after strict insertions only.</summary>
    public long Rejected => _rejected;

    /// <summary>The values kept exactly, ascending; empty once the sketch is bucketed.</summary>
    public IReadOnlyList<double> ExactValues
    {
        get
        {
            double[] copy = _exact.AsSpan(0, _exactCount).ToArray();
            Array.Sort(copy);
            return copy;
        }
    }

    /// <summary>Bucketed zeros (values equal to 0); 0 while the sketch is exact.</summary>
    public long ZeroCount => _zeroCount;

    /// <summary>The key of the first entry of <see cref="BucketCounts"/> (bucket k holds values in (γᵏ⁻¹, γᵏ]); 0 when there are none.</summary>
    public int FirstKey => _minKey <= _maxKey ? _minKey : 0;

    /// <summary>Counts of consecutive bucket keys from <see cref="FirstKey"/> to the largest key used; empty while exact.</summary>
    public IReadOnlyList<long> BucketCounts => _minKey <= _maxKey ? _counts.AsSpan(_minKey - _offset, _maxKey - _minKey + 1).ToArray() : [];

    /// <summary>The (compensated) sum of the values, in their unit.</summary>
    public double Sum => _sum + _compensation;

    /// <summary>The smallest value (exact); NaN when empty.</summary>
    public double Min => _min;

    /// <summary>The largest value (exact); NaN when empty.</summary>
    public double Max => _max;

    /// <summary>The mean (exact up to rounding, not sketched); NaN when empty.</summary>
    [JsonIgnore]
    public double Mean => _count == 0 ? double.NaN : Sum / _count;

    /// <summary>The median, <see cref="Quantile"/>(0.5); NaN when empty.</summary>
    [JsonIgnore]
    public double Median => Quantile(0.5);

    /// <summary>The 90th percentile, <see cref="Quantile"/>(0.9); NaN when empty.</summary>
    [JsonIgnore]
    public double P90 => Quantile(0.9);

    /// <summary>The 95th percentile, <see cref="Quantile"/>(0.95); NaN when empty.</summary>
    [JsonIgnore]
    public double P95 => Quantile(0.95);

    /// <summary>
    /// The q-quantile: an estimate of the order statistic x₍⌊q(n − 1)⌋₎, exact while <see cref="IsExact"/>, within a
    /// factor 1 ± <see cref="RelativeAccuracy"/> of it otherwise (and always within [<see cref="Min"/>, <see cref="Max"/>]; q = 0 and q = 1 give them exactly).
    /// </summary>
    /// <param name="q">The quantile level, 0 to 1 (0.5 for the median, 0.95 for p95).</param>
    /// <returns>The quantile in the values' unit; NaN when the sketch is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is not in [0, 1].</exception>
    public double Quantile(double q)
    {
        Guard.Fraction(q);
        if (_count == 0)
        {
            return double.NaN;
        }

        long rank = (long)Math.Floor(q * (_count - 1));
        if (!_bucketed)
        {
            Span<double> sorted = stackalloc double[_exactCount];
            _exact.AsSpan(0, _exactCount).CopyTo(sorted);
            sorted.Sort();
            return sorted[(int)rank];
        }

        if (rank < _zeroCount)
        {
            return 0;
        }

        if (rank == _count - 1 || rank == 0)
        {
            return rank == 0 ? _min : _max;
        }

        long cumulative = _zeroCount;
        for (int key = _minKey; key <= _maxKey; key++)
        {
            cumulative += _counts[key - _offset];
            if (cumulative > rank)
            {
                return Math.Clamp(KeyValue(key), _min, _max);
            }
        }

        return _max;
    }

    /// <summary>Removes every value and the rejected count, keeping the allocated storage (no allocation on reuse).</summary>
    public void Clear()
    {
        if (_minKey <= _maxKey)
        {
            _counts.AsSpan(_minKey - _offset, _maxKey - _minKey + 1).Clear();
        }

        _minKey = int.MaxValue;
        _maxKey = int.MinValue;
        _exactCount = 0;
        _bucketed = ExactCapacity == 0;
        _zeroCount = _count = _rejected = 0;
        _sum = _compensation = 0;
        _min = _max = double.NaN;
    }

    /// <summary>Formats as <c>n = 1,000: median 12.3, p90 45.6, p95 78.9, mean 20.1 (±1 %)</c>, invariant culture.</summary>
    /// <returns>The sketch as text.</returns>
    public override string ToString() => _count == 0
        ? "n = 0"
        : string.Create(CultureInfo.InvariantCulture,
            $"n = {_count:N0}: median {Median:G4}, p90 {P90:G4}, p95 {P95:G4}, mean {Mean:G4} ({(IsExact ? "exact" : $"±{RelativeAccuracy * 100:0.##} %")}{(_rejected > 0 ? $"; {_rejected:N0} rejected" : "")})");

    /// <summary>The value bucket <paramref name="key"/> reports: 2γᵏ/(γ + 1), within α of every value in (γᵏ⁻¹, γᵏ].</summary>
    internal double KeyValue(int key) => Math.Pow(_gamma, key) * (2 / (_gamma + 1));

    /// <summary>The bucket key ⌈log_γ x⌉ of a positive value, with the exact logarithm.</summary>
    internal int Key(double value) => (int)Math.Ceiling(Math.Log(value) * _inverseLogGamma);
}
