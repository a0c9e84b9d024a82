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

    /// <summary>Whether any lane of <paramref name="left"/> is greater than the same lane of <paramref name="right"/>.</summary>
    static abstract bool GreaterThanAny(TVector left, TVector right);

    /// <summary>The number of lanes set in a comparison result (all-ones lanes): a mask extraction and a popcount.</summary>
    static abstract int CountMatches(TVector mask);

    /// <summary>The sum of all lanes of a vector of small per-lane counts (at most 255 per lane for bytes).</summary>
    static abstract long SumCounts(TVector counts);
}
