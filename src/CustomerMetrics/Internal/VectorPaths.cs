using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal;

/// <summary>Chooses the widest accelerated <see cref="VectorPath"/>.</summary>
internal static class VectorPaths
{
    /// <summary>The widest hardware-accelerated path: Vector512 → Vector256 → Vector128 → scalar.</summary>
    public static VectorPath Best =>
        Vector512.IsHardwareAccelerated ? VectorPath.Vector512
        : Vector256.IsHardwareAccelerated ? VectorPath.Vector256
        : Vector128.IsHardwareAccelerated ? VectorPath.Vector128
        : VectorPath.Scalar;
}
