namespace CustomerMetrics.Internal;

/// <summary>
/// The instruction-set path a vector kernel takes. Public entry points use <see cref="VectorPaths.Best"/>; internal
/// overloads take a path so that tests run every path on any machine (a path wider than the hardware still runs,
/// emulated by the runtime).
/// </summary>
internal enum VectorPath
{
    /// <summary>Plain scalar loop.</summary>
    Scalar = 0,

    /// <summary>128-bit vectors (SSE, AdvSimd).</summary>
    Vector128 = 1,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256 = 2,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512 = 3,
}
