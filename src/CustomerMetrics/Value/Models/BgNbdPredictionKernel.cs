using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Vectorised BG/NBD P(alive) (Fader, Hardie &amp; Lee 2005, eq. 11) for many customers: one generic body over
/// <see cref="IVectorMath{TVector}"/> (Vector512, Vector256 or Vector128), the scalar tail being <see cref="BgNbdModel"/>'s own formula. Rows must be validated first.
/// </summary>
internal static class BgNbdPredictionKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Alive(in BgNbdModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, VectorPath path)
    {
        double r = model.R, alpha = model.Alpha, a = model.A, b = model.B;
        int done = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => Alive<Vector512<double>, Vector512Math>(frequency, recency, age, destination, r, alpha, a, b),
            VectorPath.Vector256 => Alive<Vector256<double>, Vector256Math>(frequency, recency, age, destination, r, alpha, a, b),
            VectorPath.Vector128 => Alive<Vector128<double>, Vector128Math>(frequency, recency, age, destination, r, alpha, a, b),
            _ => 0,
        };

        for (int i = done; i < frequency.Length; i++)
        {
            destination[i] = model.Alive(frequency[i], recency[i], age[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Alive<TVector, TOps>(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        Span<double> destination, double r, double alpha, double a, double b)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        int i = 0;
        ref double xRef = ref MemoryMarshal.GetReference(frequency);
        ref double txRef = ref MemoryMarshal.GetReference(recency);
        ref double tRef = ref MemoryMarshal.GetReference(age);
        ref double dRef = ref MemoryMarshal.GetReference(destination);
        TVector va = TOps.Create(alpha), vr = TOps.Create(r), vA = TOps.Create(a), vb = TOps.Create(b), one = TOps.Create(1);
        for (; i <= frequency.Length - width; i += width)
        {
            TVector x = TOps.Load(ref xRef, (nuint)i);
            TVector lnRatio = TOps.Subtract(TOps.Log(TOps.Add(va, TOps.Load(ref tRef, (nuint)i))), TOps.Log(TOps.Add(va, TOps.Load(ref txRef, (nuint)i))));

            // b + (x − 1), not (b − 1) + x: b below 1e-16 must not vanish.
            TVector u = TOps.Add(TOps.Log(TOps.Divide(vA, TOps.Add(vb, TOps.Subtract(x, one)))), TOps.Multiply(TOps.Add(vr, x), lnRatio));
            TVector alive = TOps.Divide(one, TOps.Add(one, TOps.Exp(u)));
            TOps.Store(TOps.ConditionalSelect(TOps.Equal(x, TOps.Zero), one, alive), ref dRef, (nuint)i);
        }

        return i;
    }
}
