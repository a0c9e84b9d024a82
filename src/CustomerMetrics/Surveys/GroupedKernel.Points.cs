using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Rating scales (CES, CSAT) per group, checked a block at a time. Each block of <see cref="PointBlock"/> responses is
/// first checked whole (every rating 1..points, every group id below the group count: vectorised range scans, memory
/// speed); a clean block is then tallied with no check and no slot lookup per response, and a block holding anything
/// bad goes to the checked one-response-at-a-time tally (which counts off-scale ratings in slot 0 and throws naming the
/// first bad group id), as does the tail shorter than a block. Three tallies of clean blocks, by table size:
/// <list type="bullet">
/// <item>Byte group ids with groupCount × points ≤ <see cref="PairKeys"/> (e.g. 16 groups on a 5- or 7-point scale):
/// Vector128 turns each response into a key <c>group × points + rating − 1</c> (below 128) and each two neighbouring
/// responses into one pair key <c>key₁ × K + key₂</c> (K = groupCount × points), and a scalar loop increments one
/// 32-bit counter per pair in a table of K² (at most 64 KB): one store per two responses. The pair table is unfolded
/// into per-key counts once per range.</item>
/// <item>Counter tables up to <see cref="ByteCounterSlots"/> slots: 32-bit counters at <c>group × (points + 1) + rating</c>,
/// in four interleaved tables when small (as the checked tally), one otherwise.</item>
/// <item>Larger tables (e.g. 65,536 groups): 8-bit counters at <c>group × points + rating</c> (no off-scale slot), under a
/// fifth of the cache footprint (320 KiB for 65,536 groups on a 5-point scale, against 1.5 MB of 32-bit ones, so they
/// stay in a 512 KB L2), each carrying 256 into a 32-bit table when it wraps to 0.</item>
/// </list>
/// Counts are integers, so the result is the same as the checked tally's, whatever path counted each block.
/// </summary>
internal static partial class GroupedKernel
{
    /// <summary>Responses per checked block (4 KB of ratings, up to 16 KB of group ids: L1).</summary>
    internal const int PointBlock = 4096;

    /// <summary>Largest groupCount × points for the pair-key tally (a pair table of 128² 32-bit counters = 64 KB).</summary>
    internal const int PairKeys = 128;

    /// <summary>Counter slots above this use 8-bit counters with carry (32-bit tables above 128 KB leave L1 and L2 soon).</summary>
    internal const int ByteCounterSlots = 32 * 1024;

    /// <summary>Adds the rating-scale counts of one range into <paramref name="totals"/> (stride points + 1, slot 0 off the scale).</summary>
    private static void CountPoints<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, int offset)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        int stride = (int)points + 1;
        int tableLength = groupCount * stride;
        if (typeof(TGroup) == typeof(byte) && Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian && groupCount * (int)points <= PairKeys)
        {
            CountPairs(ratings, MemoryMarshal.Cast<TGroup, byte>(groups), groupCount, points, totals, offset);
            return;
        }

        if (tableLength > ByteCounterSlots)
        {
            CountBytes(ratings, groups, groupCount, points, totals, offset);
            return;
        }

        int tables = (long)tableLength * sizeof(uint) * 4 <= MultiTableBytes ? 4 : 1;
        int length = tables * tableLength;
        uint[]? rented = null;
        Span<uint> counters = length * sizeof(uint) <= StackBytes
            ? stackalloc uint[StackBytes / sizeof(uint)]
            : (rented = ThreadScratch<uint>.Rent(length));
        counters = counters[..length];
        counters.Clear();
        try
        {
            TGroup lastGroup = TGroup.CreateSaturating(groupCount - 1);
            int start = 0;
            for (; start <= ratings.Length - PointBlock; start += PointBlock)
            {
                ReadOnlySpan<byte> r = ratings.Slice(start, PointBlock);
                ReadOnlySpan<TGroup> g = groups.Slice(start, PointBlock);
                if (IsClean(r, g, points, lastGroup))
                {
                    if (tables == 4)
                    {
                        CleanTally4(r, g, stride, counters);
                    }
                    else
                    {
                        CleanTally1(r, g, stride, counters);
                    }
                }
                else
                {
                    Tally1<byte, TGroup, PointSlots>(r, g, groupCount, points, stride, counters, offset + start);
                }
            }

            Tally1<byte, TGroup, PointSlots>(ratings[start..], groups[start..], groupCount, points, stride, counters, offset + start);
            for (int t = 0; t < tables; t++)
            {
                ReadOnlySpan<uint> table = counters.Slice(t * tableLength, tableLength);
                for (int k = 0; k < tableLength; k++)
                {
                    totals[k] += table[k];
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ThreadScratch<uint>.Return(rented);
            }
        }
    }

    /// <summary>Whether every rating of a block is 1..points and every group id at most <paramref name="lastGroup"/> (and not negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsClean<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, uint points, TGroup lastGroup)
        where TGroup : unmanaged, IBinaryInteger<TGroup> =>
        ratings.IndexOfAnyExceptInRange((byte)1, (byte)points) < 0 && groups.IndexOfAnyExceptInRange(TGroup.Zero, lastGroup) < 0;

    /// <summary>Tallies a clean block into four interleaved tables of <c>counters.Length / 4</c> slots, round-robin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CleanTally4<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int stride, Span<uint> counters)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        ref byte s = ref MemoryMarshal.GetReference(ratings);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref uint t0 = ref MemoryMarshal.GetReference(counters);
        int tableLength = counters.Length / 4;
        ref uint t1 = ref Unsafe.Add(ref t0, tableLength);
        ref uint t2 = ref Unsafe.Add(ref t1, tableLength);
        ref uint t3 = ref Unsafe.Add(ref t2, tableLength);
        uint width = (uint)stride;
        for (int i = 0; i < ratings.Length; i += 4)
        {
            Unsafe.Add(ref t0, (nint)((uint.CreateTruncating(Unsafe.Add(ref g, i)) * width) + Unsafe.Add(ref s, i)))++;
            Unsafe.Add(ref t1, (nint)((uint.CreateTruncating(Unsafe.Add(ref g, i + 1)) * width) + Unsafe.Add(ref s, i + 1)))++;
            Unsafe.Add(ref t2, (nint)((uint.CreateTruncating(Unsafe.Add(ref g, i + 2)) * width) + Unsafe.Add(ref s, i + 2)))++;
            Unsafe.Add(ref t3, (nint)((uint.CreateTruncating(Unsafe.Add(ref g, i + 3)) * width) + Unsafe.Add(ref s, i + 3)))++;
        }
    }

    /// <summary>Tallies a clean block into one table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CleanTally1<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int stride, Span<uint> counters)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        ref byte s = ref MemoryMarshal.GetReference(ratings);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref uint t = ref MemoryMarshal.GetReference(counters);
        uint width = (uint)stride;
        for (int i = 0; i < ratings.Length; i++)
        {
            Unsafe.Add(ref t, (nint)((uint.CreateTruncating(Unsafe.Add(ref g, i)) * width) + Unsafe.Add(ref s, i)))++;
        }
    }

    /// <summary>
    /// Large tables: clean blocks go to 8-bit counters that carry 256 into a 32-bit table (<c>wide</c>, which also takes
    /// the checked tally of bad blocks and the tail) each time they wrap to 0.
    /// </summary>
    private static void CountBytes<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, int offset)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        int stride = (int)points + 1;
        int tableLength = groupCount * stride;
        int narrowLength = (groupCount * (int)points) + 1;
        uint[] wideArray = ThreadScratch<uint>.Rent(tableLength);
        byte[] narrowArray = ThreadScratch<byte>.Rent(narrowLength);
        try
        {
            Span<uint> wide = wideArray.AsSpan(0, tableLength);
            Span<byte> narrow = narrowArray.AsSpan(0, narrowLength);
            wide.Clear();
            narrow.Clear();
            TGroup lastGroup = TGroup.CreateSaturating(groupCount - 1);
            int start = 0;
            for (; start <= ratings.Length - PointBlock; start += PointBlock)
            {
                ReadOnlySpan<byte> r = ratings.Slice(start, PointBlock);
                ReadOnlySpan<TGroup> g = groups.Slice(start, PointBlock);
                if (IsClean(r, g, points, lastGroup))
                {
                    CleanTallyBytes(r, g, points, narrow, wide);
                }
                else
                {
                    Tally1<byte, TGroup, PointSlots>(r, g, groupCount, points, stride, wide, offset + start);
                }
            }

            Tally1<byte, TGroup, PointSlots>(ratings[start..], groups[start..], groupCount, points, stride, wide, offset + start);
            for (int k = 0; k < tableLength; k++)
            {
                totals[k] += wide[k];
            }

            // narrow[group × points + rating] is slot group × stride + rating (narrow[0] is never written).
            for (int group = 0; group < groupCount; group++)
            {
                for (int rating = 1; rating <= (int)points; rating++)
                {
                    totals[(group * stride) + rating] += narrow[(group * (int)points) + rating];
                }
            }
        }
        finally
        {
            ThreadScratch<byte>.Return(narrowArray);
            ThreadScratch<uint>.Return(wideArray);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CleanTallyBytes<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, uint points, Span<byte> narrow, Span<uint> wide)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        ref byte s = ref MemoryMarshal.GetReference(ratings);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref byte t = ref MemoryMarshal.GetReference(narrow);
        ref uint w = ref MemoryMarshal.GetReference(wide);
        for (int i = 0; i < ratings.Length; i++)
        {
            // No slot for off-scale ratings here (the block is clean): group × points + rating, the exact footprint.
            uint group = uint.CreateTruncating(Unsafe.Add(ref g, i));
            nint k = (nint)((group * points) + Unsafe.Add(ref s, i));
            if (++Unsafe.Add(ref t, k) == 0)
            {
                // The same slot in the wide table: group × (points + 1) + rating.
                Unsafe.Add(ref w, k + (nint)group) += 256;
            }
        }
    }

    /// <summary>
    /// Byte group ids, groupCount × points ≤ <see cref="PairKeys"/>: pair keys by Vector128 (which also checks the
    /// block), one 32-bit counter per pair of keys; bad blocks and the tail go to the checked tally.
    /// </summary>
    private static void CountPairs(ReadOnlySpan<byte> ratings, ReadOnlySpan<byte> groups, int groupCount, uint points, Span<long> totals, int offset)
    {
        int keys = groupCount * (int)points;
        int pairLength = keys * keys;
        int stride = (int)points + 1;
        int tableLength = groupCount * stride;

        // One rental for both tables: the pair counters, then the checked tally's slots.
        uint[] rented = ThreadScratch<uint>.Rent(pairLength + tableLength);
        try
        {
            Span<uint> pairs = rented.AsSpan(0, pairLength);
            Span<uint> checkedSlots = rented.AsSpan(pairLength, tableLength);
            pairs.Clear();
            checkedSlots.Clear();
            Span<ushort> pairKeys = stackalloc ushort[PointBlock / 2];
            int start = 0;
            for (; start <= ratings.Length - PointBlock; start += PointBlock)
            {
                ReadOnlySpan<byte> r = ratings.Slice(start, PointBlock);
                ReadOnlySpan<byte> g = groups.Slice(start, PointBlock);
                if (PairKeysOf(r, g, groupCount, points, pairKeys))
                {
                    TallyPairs(pairKeys, pairs);
                }
                else
                {
                    Tally1<byte, byte, PointSlots>(r, g, groupCount, points, stride, checkedSlots, offset + start);
                }
            }

            Tally1<byte, byte, PointSlots>(ratings[start..], groups[start..], groupCount, points, stride, checkedSlots, offset + start);
            for (int k = 0; k < tableLength; k++)
            {
                totals[k] += checkedSlots[k];
            }

            // Unfold: the pair (a, b) adds its count to key a and to key b; key = group × points + rating − 1.
            for (int a = 0; a < keys; a++)
            {
                ReadOnlySpan<uint> row = pairs.Slice(a * keys, keys);
                long first = 0;
                for (int b = 0; b < keys; b++)
                {
                    uint count = row[b];
                    first += count;
                    totals[SlotOfKey(b, points)] += count;
                }

                totals[SlotOfKey(a, points)] += first;
            }
        }
        finally
        {
            ThreadScratch<uint>.Return(rented);
        }

        static int SlotOfKey(int key, uint points) => ((key / (int)points) * ((int)points + 1)) + (key % (int)points) + 1;
    }

    /// <summary>
    /// Writes the pair keys of a block of <see cref="PointBlock"/> responses (key = group × points + rating − 1; pair
    /// key = key₁ × K + key₂ for responses 2j and 2j + 1, K = groupCount × points); false when any rating or group id
    /// is out of range (the keys are then meaningless).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool PairKeysOf(ReadOnlySpan<byte> ratings, ReadOnlySpan<byte> groups, int groupCount, uint points, Span<ushort> pairKeys)
    {
        ref byte s = ref MemoryMarshal.GetReference(ratings);
        ref byte g = ref MemoryMarshal.GetReference(groups);
        ref ushort p = ref MemoryMarshal.GetReference(pairKeys);
        Vector128<byte> one = Vector128.Create((byte)1);
        Vector128<ushort> pointsVector = Vector128.Create((ushort)points), keysVector = Vector128.Create((ushort)(groupCount * (int)points));
        Vector128<ushort> lowByte = Vector128.Create((ushort)0xFF);
        Vector128<byte> maxRating = Vector128<byte>.Zero, maxGroup = Vector128<byte>.Zero;
        for (int i = 0; i < PointBlock; i += Vector128<byte>.Count)
        {
            // rating − 1 wraps a 0 to 255, so one unsigned maximum checks both ends of the scale.
            Vector128<byte> rating = Vector128.LoadUnsafe(ref s, (nuint)i) - one;
            Vector128<byte> group = Vector128.LoadUnsafe(ref g, (nuint)i);
            maxRating = Vector128.Max(maxRating, rating);
            maxGroup = Vector128.Max(maxGroup, group);

            // group × points in 16-bit lanes: each byte's product is below 256 on clean data, so no lane carries into the next.
            Vector128<ushort> key = ((group.AsUInt16() * pointsVector).AsByte() + rating).AsUInt16();
            Vector128<ushort> pair = ((key & lowByte) * keysVector) + (key >>> 8);
            pair.StoreUnsafe(ref p, (nuint)(i / 2));
        }

        return !Vector128.GreaterThanAny(maxRating, Vector128.Create((byte)(points - 1)))
            && !Vector128.GreaterThanAny(maxGroup, Vector128.Create((byte)(groupCount - 1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TallyPairs(ReadOnlySpan<ushort> pairKeys, Span<uint> pairs)
    {
        ref byte k = ref Unsafe.As<ushort, byte>(ref MemoryMarshal.GetReference(pairKeys));
        ref uint t = ref MemoryMarshal.GetReference(pairs);
        int bytes = pairKeys.Length * sizeof(ushort);
        for (int i = 0; i < bytes; i += sizeof(ulong))
        {
            // Four pair keys per load (little-endian lanes, as Vector128 stored them).
            ulong four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref k, i));
            Unsafe.Add(ref t, (nint)(four & 0xFFFF))++;
            Unsafe.Add(ref t, (nint)((four >> 16) & 0xFFFF))++;
            Unsafe.Add(ref t, (nint)((four >> 32) & 0xFFFF))++;
            Unsafe.Add(ref t, (nint)(four >> 48))++;
        }
    }
}
