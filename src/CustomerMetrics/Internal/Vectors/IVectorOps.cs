namespace CustomerMetrics.Internal.Vectors;

/// <summary>
/// The few lane-wise operations the counting kernels need, as static abstract members so that one generic kernel
/// compiles to straight-line Vector512, Vector256 or Vector128 code (the JIT specialises each struct instantiation).
/// <typeparamref name="T"/> is <see cref="byte"/> or <see cref="uint"/> for the counting kernels (comparisons
/// unsigned) and <see cref="double"/> for the compensated sum.
/// </summary>
internal interface IVectorOps<TVector, T>
    where TVector : unmanaged
    where T : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Create(T value);

    static abstract TVector Load(ref T source, nuint elementOffset);

    static abstract TVector GreaterThan(TVector left, TVector right);

    static abstract TVector LessThan(TVector left, TVector right);

    static abstract TVector Equal(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Abs(TVector value);

    static abstract TVector GreaterThanOrEqual(TVector left, TVector right);

    static abstract TVector ConditionalSelect(TVector mask, TVector whenTrue, TVector whenFalse);

    static abstract T GetElement(TVector vector, int index);

    static abstract TVector BitwiseAnd(TVector left, TVector right);

    /// <summary>A mask of the lanes whose index is ≥ <paramref name="firstLane"/> (1 ≤ firstLane &lt; Count).</summary>
    static abstract TVector LanesFrom(int firstLane);

    static abstract TVector Max(TVector left, TVector right);

    /// <summary>
    /// The lane-wise maximum as the hardware computes it (one instruction; which operand a NaN or a pair of zeros of
    /// different signs yields is platform-specific). For kernels that reject NaN and −0 elsewhere.
    /// </summary>
    static abstract TVector MaxNative(TVector left, TVector right);

    /// <summary>The lane-wise minimum as the hardware computes it (see <see cref="MaxNative"/>).</summary>
    static abstract TVector MinNative(TVector left, TVector right);

    /// <summary>Whether any lane of <paramref name="left"/> is greater than the same lane of <paramref name="right"/>.</summary>
    static abstract bool GreaterThanAny(TVector left, TVector right);

    /// <summary>The number of lanes set in a comparison result (all-ones lanes): a mask extraction and a popcount.</summary>
    static abstract int CountMatches(TVector mask);

    /// <summary>The sum of all lanes of a vector of small per-lane counts (at most 255 per lane for bytes).</summary>
    static abstract long SumCounts(TVector counts);

    /// <summary><paramref name="left"/> &amp; ~<paramref name="right"/>, lane-wise on the bits.</summary>
    static abstract TVector AndNot(TVector left, TVector right);

    static abstract TVector BitwiseOr(TVector left, TVector right);

    /// <summary>The sum of all lanes in <typeparamref name="T"/> arithmetic (lane order unspecified).</summary>
    static abstract T Sum(TVector vector);

    /// <summary>The most significant bit of each lane, lane 0 in bit 0.</summary>
    static abstract ulong ExtractMostSignificantBits(TVector vector);

    /// <summary>
    /// Counts the set lanes of a comparison <paramref name="mask"/> into 64-bit integer counters held in a register of
    /// the same width: <paramref name="counts"/> − <paramref name="mask"/> with both read as <see cref="long"/> lanes
    /// (an all-ones lane is −1). Only meaningful for 64-bit <typeparamref name="T"/>; read the counts with
    /// <see cref="SumInt64"/>.
    /// </summary>
    static abstract TVector CountInt64(TVector counts, TVector mask);

    /// <summary>The sum of the lanes read as <see cref="long"/> (the counters of <see cref="CountInt64"/>).</summary>
    static abstract long SumInt64(TVector counts);
}
