namespace CustomerMetrics.Value;

/// <summary>Which vector width a model kernel uses; tests force each path so all are covered on any machine.</summary>
internal enum ModelVectorPath
{
    /// <summary>The widest accelerated path of the machine.</summary>
    Auto = 0,

    /// <summary>Plain scalar loop (the reference).</summary>
    Scalar = 1,

    /// <summary><see cref="System.Runtime.Intrinsics.Vector128{T}"/> when accelerated, else scalar.</summary>
    Vector128 = 2,

    /// <summary><see cref="System.Runtime.Intrinsics.Vector256{T}"/> when accelerated, else narrower.</summary>
    Vector256 = 3,

    /// <summary><see cref="System.Runtime.Intrinsics.Vector512{T}"/> when accelerated, else narrower.</summary>
    Vector512 = 4,
}
