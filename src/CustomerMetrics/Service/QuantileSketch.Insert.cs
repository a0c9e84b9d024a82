using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Service;

/// <summary>Insertion and merging.</summary>
public sealed partial class QuantileSketch
{
    private const int Chunk = 1024;

    /// <summary>Adds one value.</summary>
    /// <param name="value">A finite value ≥ 0, in the unit of the other values (seconds, minutes, currency).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, NaN or infinite.</exception>
    public void Add(double value) => Add(new ReadOnlySpan<double>(in value));

    /// <summary>Adds values; allocation-free once the bucket range covers them. The sketch is unchanged when it throws.</summary>
    /// <param name="values">Finite values ≥ 0. May be empty.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite (the message names the first index and value).</exception>
    public void Add(ReadOnlySpan<double> values) => Add(values, VectorPath.Auto);

    /// <summary>Adds the finite values ≥ 0 and skips, counting in <see cref="Rejected"/>, the others (negative, NaN, ±∞).</summary>
    /// <param name="values">The values. May be empty.</param>
    /// <returns>How many values this call rejected.</returns>
    public long AddLenient(ReadOnlySpan<double> values)
    {
        Span<double> buffer = stackalloc double[256];
        int filled = 0;
        long rejected = 0;
        foreach (double value in values)
        {
            if (!IsValid(value))
            {
                rejected++;
                continue;
            }

            buffer[filled++] = value;
            if (filled == buffer.Length)
            {
                Insert(buffer, VectorPath.Auto);
                filled = 0;
            }
        }

        Insert(buffer[..filled], VectorPath.Auto);
        _rejected = checked(_rejected + rejected);
        return rejected;
    }

    /// <summary>Adds the values of <paramref name="other"/> to this sketch (exact: bucket counts add).</summary>
    /// <param name="other">A sketch with the same <see cref="RelativeAccuracy"/> and <see cref="ExactCapacity"/>; it is not changed.</param>
    /// <exception cref="ArgumentException">The sketches have a different α or exact capacity.</exception>
    /// <exception cref="OverflowException">A merged count exceeds <see cref="long.MaxValue"/>.</exception>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RelativeAccuracy != RelativeAccuracy || other.ExactCapacity != ExactCapacity)
        {
            ThrowHelper.Argument(nameof(other), string.Create(CultureInfo.InvariantCulture,
                $"Cannot merge a sketch with α = {other.RelativeAccuracy:R} and exact capacity {other.ExactCapacity} into one with α = {RelativeAccuracy:R} and exact capacity {ExactCapacity}."));
        }

        if (ReferenceEquals(other, this))
        {
            Merge(Copy());
            return;
        }

        _rejected = checked(_rejected + other._rejected);
        if (other._count == 0)
        {
            return;
        }

        if (!_bucketed && !other._bucketed && _exactCount + other._exactCount <= ExactCapacity)
        {
            Insert(other._exact.AsSpan(0, other._exactCount), VectorPath.Auto);
            return;
        }

        Flush(VectorPath.Auto);
        if (!other._bucketed)
        {
            Insert(other._exact.AsSpan(0, other._exactCount), VectorPath.Auto);
            return;
        }

        _count = checked(_count + other._count);
        _zeroCount += other._zeroCount;
        CompensatedSum.Add(ref _sum, ref _compensation, other._sum);
        _compensation += other._compensation;
        _min = double.IsNaN(_min) ? other._min : Math.Min(_min, other._min);
        _max = double.IsNaN(_max) ? other._max : Math.Max(_max, other._max);
        if (other._minKey <= other._maxKey)
        {
            EnsureKey(other._minKey);
            EnsureKey(other._maxKey);
            for (int key = other._minKey; key <= other._maxKey; key++)
            {
                _counts[key - _offset] += other._counts[key - other._offset];
            }

            _minKey = Math.Min(_minKey, other._minKey);
            _maxKey = Math.Max(_maxKey, other._maxKey);
        }
    }

    /// <summary>A new sketch of the values of both (neither operand changes).</summary>
    /// <param name="left">One sketch.</param>
    /// <param name="right">A sketch with the same α and exact capacity.</param>
    /// <returns>The merged sketch.</returns>
    /// <exception cref="ArgumentException">The sketches have a different α or exact capacity.</exception>
    public static QuantileSketch operator +(QuantileSketch left, QuantileSketch right)
    {
        ArgumentNullException.ThrowIfNull(left);
        QuantileSketch result = left.Copy();
        result.Merge(right);
        return result;
    }

    /// <summary>The named form of <c>+</c>: a new sketch of the values of both.</summary>
    /// <param name="left">One sketch.</param>
    /// <param name="right">A sketch with the same α and exact capacity.</param>
    /// <returns>The merged sketch.</returns>
    public static QuantileSketch Add(QuantileSketch left, QuantileSketch right) => left + right;

    /// <summary>A deep copy.</summary>
    /// <returns>An independent sketch with the same state.</returns>
    public QuantileSketch Copy()
    {
        var copy = new QuantileSketch(RelativeAccuracy, ExactCapacity)
        {
            _exact = (double[])_exact.Clone(),
            _exactCount = _exactCount,
            _bucketed = _bucketed,
            _counts = (long[])_counts.Clone(),
            _offset = _offset,
            _minKey = _minKey,
            _maxKey = _maxKey,
            _zeroCount = _zeroCount,
            _count = _count,
            _rejected = _rejected,
            _sum = _sum,
            _compensation = _compensation,
            _min = _min,
            _max = _max,
        };
        return copy;
    }

    /// <summary>Strict insertion on a forced path (tests): validates everything first, then inserts.</summary>
    internal void Add(ReadOnlySpan<double> values, VectorPath path)
    {
        int bad = FirstInvalid(values);
        if (bad >= 0)
        {
            ThrowHelper.ValueOutOfRange(nameof(values), bad, values[bad], "finite numbers ≥ 0");
        }

        Insert(values, path);
    }

    private static bool IsValid(double value) => value >= 0 && value <= double.MaxValue;

    private static int FirstInvalid(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double start = ref MemoryMarshal.GetReference(values);
            Vector256<double> zero = Vector256<double>.Zero, largest = Vector256.Create(double.MaxValue);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> x = Vector256.LoadUnsafe(ref start, (nuint)i);
                if (!Vector256.GreaterThanOrEqualAll(x, zero) || !Vector256.LessThanOrEqualAll(x, largest))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!IsValid(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Inserts valid values: exactly while they fit, into buckets otherwise.</summary>
    private void Insert(ReadOnlySpan<double> values, VectorPath path)
    {
        if (values.IsEmpty)
        {
            return;
        }

        if (!_bucketed)
        {
            if (_exactCount + values.Length <= ExactCapacity)
            {
                if (_exact.Length == 0)
                {
                    _exact = new double[ExactCapacity];
                }

                values.CopyTo(_exact.AsSpan(_exactCount));
                _exactCount += values.Length;
                _count += values.Length;
                AddSum(values);
                MinMax(values);
                return;
            }

            Flush(path);
        }

        _count = checked(_count + values.Length);
        for (int start = 0; start < values.Length; start += Chunk)
        {
            ReadOnlySpan<double> chunk = values.Slice(start, Math.Min(Chunk, values.Length - start));
            AddSum(chunk);
            Bucket(chunk, path);
        }
    }

    /// <summary>Moves the exact values into buckets (count, sum, min and max are already counted).</summary>
    private void Flush(VectorPath path)
    {
        if (_bucketed)
        {
            return;
        }

        _bucketed = true;
        Bucket(_exact.AsSpan(0, _exactCount), path);
        _exactCount = 0;
    }

    private void AddSum(ReadOnlySpan<double> values)
    {
        double sum = CompensatedSum.Sum(values);
        CompensatedSum.Add(ref _sum, ref _compensation, sum);
    }

    private void MinMax(ReadOnlySpan<double> values)
    {
        double min = double.IsNaN(_min) ? double.PositiveInfinity : _min, max = double.IsNaN(_max) ? double.NegativeInfinity : _max;
        foreach (double value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        _min = min;
        _max = max;
    }

    /// <summary>Counts valid values into their buckets and updates min and max.</summary>
    /// <remarks>
    /// The vector path works in blocks of <see cref="Chunk"/> values and two passes: the first computes the keys of
    /// whole vectors of normal values (4 logarithms at a time) into a stack buffer with their range, the counter array
    /// is then grown once to cover that range, and the second pass increments without range checks.
    /// </remarks>
    private void Bucket(ReadOnlySpan<double> values, VectorPath path)
    {
        bool vector = VectorPaths.Resolve(path) != VectorPath.Scalar;
        int i = 0;
        int minKey = _minKey, maxKey = _maxKey;
        double min = double.IsNaN(_min) ? double.PositiveInfinity : _min, max = double.IsNaN(_max) ? double.NegativeInfinity : _max;
        if (vector)
        {
            Span<long> keys = stackalloc long[Chunk];
            ref double start = ref MemoryMarshal.GetReference(values);
            ref long keyStart = ref MemoryMarshal.GetReference(keys);
            Vector256<double> inverse = Vector256.Create(_inverseLogGamma), smallest = Vector256.Create(SmallestNormal);
            Vector256<double> magic = Vector256.Create(RoundingMagic);
            Vector256<long> magicBits = Vector256.Create(BitConverter.DoubleToInt64Bits(RoundingMagic));
            Vector256<double> low = Vector256.Create(min), high = Vector256.Create(max);
            while (i <= values.Length - 4)
            {
                int blockEnd = i + Math.Min(Chunk, (values.Length - i) & ~3);
                int filled = 0;
                Vector256<long> lowKey = Vector256.Create((long)int.MaxValue), highKey = Vector256.Create((long)int.MinValue);
                for (; i < blockEnd; i += 4)
                {
                    Vector256<double> x = Vector256.LoadUnsafe(ref start, (nuint)i);
                    low = Vector256.Min(low, x);
                    high = Vector256.Max(high, x);
                    if (!Vector256.GreaterThanOrEqualAll(x, smallest))
                    {
                        for (int lane = 0; lane < 4; lane++)
                        {
                            BucketOne(x.GetElement(lane), vector, ref minKey, ref maxKey);
                        }

                        continue;
                    }

                    // ceil(ln x / ln γ) is an integer of magnitude < 2^31: adding 1.5·2^52 puts it in the low mantissa bits.
                    Vector256<long> k = (Vector256.Ceiling(Vector256.Log(x) * inverse) + magic).AsInt64() - magicBits;
                    lowKey = Vector256.Min(lowKey, k);
                    highKey = Vector256.Max(highKey, k);
                    k.StoreUnsafe(ref keyStart, (nuint)filled);
                    filled += 4;
                }

                if (filled == 0)
                {
                    continue;
                }

                int blockMin = int.MaxValue, blockMax = int.MinValue;
                for (int lane = 0; lane < 4; lane++)
                {
                    blockMin = Math.Min(blockMin, (int)lowKey.GetElement(lane));
                    blockMax = Math.Max(blockMax, (int)highKey.GetElement(lane));
                }

                EnsureKey(blockMin);
                EnsureKey(blockMax);
                minKey = Math.Min(minKey, blockMin);
                maxKey = Math.Max(maxKey, blockMax);
                ref long counts = ref MemoryMarshal.GetArrayDataReference(_counts);
                nint offset = _offset;
                for (int j = 0; j < filled; j += 4)
                {
                    Unsafe.Add(ref counts, (nint)Unsafe.Add(ref keyStart, j) - offset)++;
                    Unsafe.Add(ref counts, (nint)Unsafe.Add(ref keyStart, j + 1) - offset)++;
                    Unsafe.Add(ref counts, (nint)Unsafe.Add(ref keyStart, j + 2) - offset)++;
                    Unsafe.Add(ref counts, (nint)Unsafe.Add(ref keyStart, j + 3) - offset)++;
                }
            }

            for (int lane = 0; lane < 4; lane++)
            {
                min = Math.Min(min, low.GetElement(lane));
                max = Math.Max(max, high.GetElement(lane));
            }
        }

        for (; i < values.Length; i++)
        {
            double value = values[i];
            min = Math.Min(min, value);
            max = Math.Max(max, value);
            BucketOne(value, vector, ref minKey, ref maxKey);
        }

        _minKey = minKey;
        _maxKey = maxKey;
        _min = min;
        _max = max;
    }

    /// <summary>1.5 · 2^52: added to an integer-valued double of magnitude below 2^51, the sum's low bits are that integer.</summary>
    private const double RoundingMagic = 6755399441055744.0;

    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>One value into its bucket; the vector path uses the same vector logarithm for tails as for whole vectors.</summary>
    private void BucketOne(double value, bool vector, ref int minKey, ref int maxKey)
    {
        if (value == 0)
        {
            _zeroCount++;
            return;
        }

        int key = vector && value >= SmallestNormal
            ? (int)Vector256.ConvertToInt64(Vector256.Ceiling(Vector256.Log(Vector256.Create(value)) * _inverseLogGamma)).GetElement(0)
            : Key(value);
        Increment(key);
        minKey = Math.Min(minKey, key);
        maxKey = Math.Max(maxKey, key);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Increment(int key)
    {
        uint index = (uint)(key - _offset);
        long[] counts = _counts;
        if (index >= (uint)counts.Length)
        {
            EnsureKey(key);
            counts = _counts;
            index = (uint)(key - _offset);
        }

        counts[index]++;
    }

    /// <summary>Grows the counter array (with headroom, within the keys of positive doubles) so that it covers <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnsureKey(int key)
    {
        if (_counts.Length > 0 && key >= _offset && key < _offset + _counts.Length)
        {
            return;
        }

        int low = _counts.Length == 0 ? key : Math.Min(key, _offset);
        int high = _counts.Length == 0 ? key : Math.Max(key, _offset + _counts.Length - 1);
        int headroom = Math.Max(64, (high - low + 1) / 2);
        low = Math.Max(_lowestKey, low - (key < _offset || _counts.Length == 0 ? headroom : 0));
        high = Math.Min(_highestKey, high + (key > _offset || _counts.Length == 0 ? headroom : 0));
        var counts = new long[high - low + 1];
        if (_counts.Length > 0)
        {
            _counts.CopyTo(counts.AsSpan(_offset - low));
        }

        _counts = counts;
        _offset = low;
    }
}
