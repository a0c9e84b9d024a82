namespace CustomerMetrics.Internal.Vectors;

/// <summary>
/// Lane-wise double arithmetic and the vector <c>Log</c>/<c>Exp</c> the floating-point kernels need (the model
/// likelihoods), as static abstract members so that one generic kernel compiles to straight-line Vector512, Vector256
/// or Vector128 code; the companion of <see cref="IVectorOps{TVector, T}"/>, which serves the counting kernels.
/// </summary>
internal interface IVectorMath<TVector>
    where TVector : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Create(double value);

    static abstract TVector Load(ref double source, nuint elementOffset);

    static abstract void Store(TVector value, ref double destination, nuint elementOffset);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    static abstract TVector Divide(TVector left, TVector right);

    static abstract TVector Abs(TVector value);

    static abstract TVector Max(TVector left, TVector right);

    static abstract TVector Log(TVector value);

    static abstract TVector Exp(TVector value);

    static abstract TVector GreaterThanOrEqual(TVector left, TVector right);

    static abstract TVector Equal(TVector left, TVector right);

    static abstract TVector ConditionalSelect(TVector mask, TVector whenTrue, TVector whenFalse);

    /// <summary>The sum of the lanes.</summary>
    static abstract double Sum(TVector value);
}
