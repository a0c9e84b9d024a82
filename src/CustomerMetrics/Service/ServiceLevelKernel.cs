using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Service;

/// <summary>The counts behind a service level: valid rows answered within the threshold, answered, still open.</summary>
internal readonly record struct ServiceLevelTally(long Within, long Responded, long Open);

/// <summary>
/// One generic body over <see cref="IVectorOps{TVector, T}"/> (64-bit lanes) that classifies ticket rows by
/// (created, responded): open (responded missing), answered within the threshold, answered later, or invalid
/// (created missing, or an answer before the creation). Lane counters subtract the all-ones comparison masks.
/// </summary>
internal static class ServiceLevelKernel
{
    public static ServiceLevelTally Count(ReadOnlySpan<long> created, ReadOnlySpan<long> responded, long threshold, VectorPath path)
    {
        long within = 0, answered = 0, open = 0;
        int i = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => Lanes<Vector512<long>, Vector512Ops<long>>(created, responded, threshold, ref within, ref answered, ref open),
            VectorPath.Vector256 => Lanes<Vector256<long>, Vector256Ops<long>>(created, responded, threshold, ref within, ref answered, ref open),
            VectorPath.Vector128 => Lanes<Vector128<long>, Vector128Ops<long>>(created, responded, threshold, ref within, ref answered, ref open),
            _ => 0,
        };
        for (; i < created.Length; i++)
        {
            Classify(created[i], responded[i], threshold, ref within, ref answered, ref open);
        }

        return new ServiceLevelTally(within, answered, open);
    }

    /// <summary>The scalar definition: returns false for an invalid row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Classify(long created, long responded, long threshold, ref long within, ref long answered, ref long open)
    {
        if (created == ServiceTimes.Missing)
        {
            return false;
        }

        if (responded == ServiceTimes.Missing)
        {
            open++;
            return true;
        }

        long duration = unchecked(responded - created);
        if (duration < 0)
        {
            return false;
        }

        answered++;
        within += duration <= threshold ? 1 : 0;
        return true;
    }

    private static int Lanes<TVector, TOps>(ReadOnlySpan<long> created, ReadOnlySpan<long> responded, long threshold,
        ref long within, ref long answered, ref long open)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, long>
    {
        int width = TOps.Count;
        ref long c0 = ref MemoryMarshal.GetReference(created);
        ref long r0 = ref MemoryMarshal.GetReference(responded);
        TVector missing = TOps.Create(ServiceTimes.Missing), minusOne = TOps.Create(-1), limit = TOps.Create(threshold + 1);
        TVector withinLanes = TOps.Zero, answeredLanes = withinLanes, openLanes = withinLanes;
        int i = 0;
        for (; i <= created.Length - width; i += width)
        {
            TVector c = TOps.Load(ref c0, (nuint)i);
            TVector r = TOps.Load(ref r0, (nuint)i);
            TVector createdKnown = TOps.GreaterThan(c, missing);
            TVector d = TOps.Subtract(r, c);
            TVector ok = TOps.BitwiseAnd(createdKnown, TOps.BitwiseAnd(TOps.GreaterThan(r, missing), TOps.GreaterThan(d, minusOne)));
            openLanes = TOps.Subtract(openLanes, TOps.BitwiseAnd(createdKnown, TOps.Equal(r, missing)));
            answeredLanes = TOps.Subtract(answeredLanes, ok);
            withinLanes = TOps.Subtract(withinLanes, TOps.BitwiseAnd(ok, TOps.LessThan(d, limit)));
        }

        for (int lane = 0; lane < width; lane++)
        {
            within += TOps.GetElement(withinLanes, lane);
            answered += TOps.GetElement(answeredLanes, lane);
            open += TOps.GetElement(openLanes, lane);
        }

        return i;
    }
}
