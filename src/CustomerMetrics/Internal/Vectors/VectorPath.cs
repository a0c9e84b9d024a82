using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal.Vectors;

/// <summary>
/// Which instruction width a kernel uses. <see cref="Auto"/> picks the widest the hardware accelerates; the others
/// force a path so that tests cover every path on any machine (a forced wide path still computes correctly where
/// the hardware lacks it, only slowly).
/// </summary>
internal enum VectorPath
{
    Auto,
    Vector512,
    Vector256,
    Vector128,
    Scalar,
}

internal static class VectorPaths
{
    /// <summary>The widest hardware-accelerated path, honouring the DOTNET_EnableAVX512F / AVX2 / HWIntrinsic switches.</summary>
    public static VectorPath Best { get; } =
        Vector512.IsHardwareAccelerated ? VectorPath.Vector512
        : Vector256.IsHardwareAccelerated ? VectorPath.Vector256
        : Vector128.IsHardwareAccelerated ? VectorPath.Vector128
        : VectorPath.Scalar;

    public static VectorPath Resolve(VectorPath path) => path == VectorPath.Auto ? Best : path;
}
