using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Vectorised BG/NBD P(alive) (Fader, Hardie &amp; Lee 2005, eq. 11) for many customers: Vector512 → Vector256 →
/// Vector128 → scalar, the scalar path being <see cref="BgNbdModel"/>'s own formula. Rows must be validated first.
/// </summary>
internal static class BgNbdPredictionKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Alive(in BgNbdModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, VectorPath path)
    {
        int done = 0;
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B;
        if (VectorPaths.Resolve(path) == VectorPath.Vector512)
        {
            done = AliveVector512(frequency, recency, age, destination, r, alpha, a, b);
        }
        else if (VectorPaths.Resolve(path) == VectorPath.Vector256)
        {
            done = AliveVector256(frequency, recency, age, destination, r, alpha, a, b);
        }
        else if (VectorPaths.Resolve(path) == VectorPath.Vector128)
        {
            done = AliveVector128(frequency, recency, age, destination, r, alpha, a, b);
        }

        for (int i = done; i < frequency.Length; i++)
        {
            destination[i] = model.Alive(frequency[i], recency[i], age[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AliveVector256(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, double r, double alpha, double a, double b)
    {
        int width = Vector256<double>.Count;
        int i = 0;
        ref double xRef = ref MemoryMarshal.GetReference(frequency);
        ref double txRef = ref MemoryMarshal.GetReference(recency);
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double dRef = ref MemoryMarshal.GetReference(destination);
        Vector256<double> va = Vector256.Create(alpha), vr = Vector256.Create(r), vA = Vector256.Create(a), vbm1 = Vector256.Create(b - 1), one = Vector256<double>.One;
        for (; i <= frequency.Length - width; i += width)
        {
            Vector256<double> x = Vector256.LoadUnsafe(ref xRef, (nuint)i);
            Vector256<double> lnRatio = Vector256.Log(va + Vector256.LoadUnsafe(ref tRef, (nuint)i)) - Vector256.Log(va + Vector256.LoadUnsafe(ref txRef, (nuint)i));
            Vector256<double> u = Vector256.Log(vA / (vbm1 + x)) + ((vr + x) * lnRatio);
            Vector256<double> alive = one / (one + Vector256.Exp(u));
            Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), one, alive).StoreUnsafe(ref dRef, (nuint)i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AliveVector128(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, double r, double alpha, double a, double b)
    {
        int width = Vector128<double>.Count;
        int i = 0;
        ref double xRef = ref MemoryMarshal.GetReference(frequency);
        ref double txRef = ref MemoryMarshal.GetReference(recency);
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double dRef = ref MemoryMarshal.GetReference(destination);
        Vector128<double> va = Vector128.Create(alpha), vr = Vector128.Create(r), vA = Vector128.Create(a), vbm1 = Vector128.Create(b - 1), one = Vector128<double>.One;
        for (; i <= frequency.Length - width; i += width)
        {
            Vector128<double> x = Vector128.LoadUnsafe(ref xRef, (nuint)i);
            Vector128<double> lnRatio = Vector128.Log(va + Vector128.LoadUnsafe(ref tRef, (nuint)i)) - Vector128.Log(va + Vector128.LoadUnsafe(ref txRef, (nuint)i));
            Vector128<double> u = Vector128.Log(vA / (vbm1 + x)) + ((vr + x) * lnRatio);
            Vector128<double> alive = one / (one + Vector128.Exp(u));
            Vector128.ConditionalSelect(Vector128.Equals(x, Vector128<double>.Zero), one, alive).StoreUnsafe(ref dRef, (nuint)i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AliveVector512(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, double r, double alpha, double a, double b)
    {
        int width = Vector512<double>.Count;
        int i = 0;
        ref double xRef = ref MemoryMarshal.GetReference(frequency);
        ref double txRef = ref MemoryMarshal.GetReference(recency);
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double dRef = ref MemoryMarshal.GetReference(destination);
        Vector512<double> va = Vector512.Create(alpha), vr = Vector512.Create(r), vA = Vector512.Create(a), vbm1 = Vector512.Create(b - 1), one = Vector512<double>.One;
        for (; i <= frequency.Length - width; i += width)
        {
            Vector512<double> x = Vector512.LoadUnsafe(ref xRef, (nuint)i);
            Vector512<double> lnRatio = Vector512.Log(va + Vector512.LoadUnsafe(ref tRef, (nuint)i)) - Vector512.Log(va + Vector512.LoadUnsafe(ref txRef, (nuint)i));
            Vector512<double> u = Vector512.Log(vA / (vbm1 + x)) + ((vr + x) * lnRatio);
            Vector512<double> alive = one / (one + Vector512.Exp(u));
            Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), one, alive).StoreUnsafe(ref dRef, (nuint)i);
        }

        return i;
    }
}
