using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Rating scales (CES, CSAT) per group, checked a block at a time. Each block of <see cref="PointBlock"/> responses is
/// checked whole (every rating 1..points, every group id below the group count) by the same Vector128 pass that turns
/// its responses into counter keys; a clean block is then tallied with no check and no slot arithmetic per response
/// (one block driver, <c>TallyBlocks</c>, over three struct tallies), and a block holding anything bad goes to
/// the checked one-response-at-a-time tally (which counts off-scale ratings in slot 0 and throws naming the
/// first bad group id), as does the tail shorter than a block. Three tallies of clean blocks, by table size:
/// <list type="bullet">
/// <item>Byte group ids with groupCount × points ≤ <see cref="PairKeys"/> (e.g. 16 groups on a 5- or 7-point scale):
/// Vector128 turns each response into a key <c>group × points + rating − 1</c> (below 128) and each two neighbouring
/// responses into one pair key <c>key₁ × K + key₂</c> (K = groupCount × points), and a scalar loop increments one
/// 32-bit counter per pair in a table of K² (at most 64 KB): one store per two responses. The pair table is unfolded
/// into per-key counts once per range.</item>
/// <item>Counter tables up to <see cref="ByteCounterSlots"/> slots: Vector128 turns each response into a 16-bit key
/// <c>group × points + rating</c> (and checks the block on the way), and a scalar loop reads four keys per 64-bit load
/// and increments 32-bit counters at the exact footprint (groupCount × points + 1 slots, 20 KB for 1,000 groups on a
/// 5-point scale, so the table stays in L1): two interleaved tables when both fit in <see cref="KeyTablesBytes"/>
/// (fewer store-to-load chains on sorted ids), one otherwise. With the key arithmetic out of the loop, each response
/// costs a shift and a load-increment-store.</item>
/// <item>Larger tables (e.g. 65,536 groups): Vector128 turns each response into a 32-bit key (and checks the block),
/// and a scalar loop reads two keys per 64-bit load into 8-bit counters at <c>group × points + rating</c> (no off-scale slot), under a
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

    /// <summary>Both interleaved key tables fit in this many bytes (L1), else one table.</summary>
    internal const int KeyTablesBytes = 32 * 1024;

    /// <summary>Adds the rating-scale counts of one range into <paramref name="totals"/> (stride points + 1, slot 0 off the scale).</summary>
    private static void CountPoints<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, int offset)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        if (typeof(TGroup) == typeof(byte) && Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian && groupCount * (int)points <= PairKeys)
        {
            CountPairs(ratings, MemoryMarshal.Cast<TGroup, byte>(groups), groupCount, points, totals, offset);
        }
        else if (groupCount * ((int)points + 1) > ByteCounterSlots)
        {
            CountBytes(ratings, groups, groupCount, points, totals, offset);
        }
        else
        {
            CountKeys(ratings, groups, groupCount, points, totals, offset);
        }
    }

    /// <summary>A tally of clean blocks: counts a block of <see cref="PointBlock"/> responses, or returns false (nothing counted) when it holds a bad rating or group id.</summary>
    private interface IBlockTally<TGroup>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        bool TryTally(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups);
    }

    /// <summary>
    /// Runs <paramref name="tally"/> over the whole blocks of a range; blocks it refuses, and the tail shorter than a
    /// block, go to the checked tally into <paramref name="checkedSlots"/> (stride points + 1, slot 0 off the scale).
    /// </summary>
    private static void TallyBlocks<TGroup, TTally>(
        ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int groupCount, uint points, ref TTally tally, Span<uint> checkedSlots, int offset)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TTally : IBlockTally<TGroup>, allows ref struct
    {
        int stride = (int)points + 1;
        int start = 0;
        for (; start <= ratings.Length - PointBlock; start += PointBlock)
        {
            ReadOnlySpan<byte> r = ratings.Slice(start, PointBlock);
            ReadOnlySpan<TGroup> g = groups.Slice(start, PointBlock);
            if (!tally.TryTally(r, g))
            {
                Tally1<byte, TGroup, PointSlots>(r, g, groupCount, points, stride, checkedSlots, offset + start);
            }
        }

        Tally1<byte, TGroup, PointSlots>(ratings[start..], groups[start..], groupCount, points, stride, checkedSlots, offset + start);
    }

    /// <summary>Adds every table of <paramref name="tableLength"/> counters in <paramref name="counters"/> (one after another) into <paramref name="totals"/>.</summary>
    private static void AddTables(ReadOnlySpan<uint> counters, int tableLength, Span<long> totals)
    {
        for (int start = 0; start < counters.Length; start += tableLength)
        {
            ReadOnlySpan<uint> table = counters.Slice(start, tableLength);
            for (int k = 0; k < table.Length; k++)
            {
                totals[k] += table[k];
            }
        }
    }

    /// <summary>Adds counts at the exact footprint (index group × points + rating, index 0 unused) into <paramref name="totals"/> (slot group × (points + 1) + rating).</summary>
    private static void AddExact<T>(ReadOnlySpan<T> exact, int groupCount, uint points, Span<long> totals)
        where T : unmanaged, IBinaryInteger<T>
    {
        int stride = (int)points + 1;
        for (int group = 0; group < groupCount; group++)
        {
            for (int rating = 1; rating <= (int)points; rating++)
            {
                totals[(group * stride) + rating] += long.CreateTruncating(exact[(group * (int)points) + rating]);
            }
        }
    }

    /// <summary>
    /// Mid-size tables: clean blocks turned into 16-bit keys <c>group × points + rating</c> by Vector128 and counted at
    /// the exact footprint (one or two interleaved tables of groupCount × points + 1 counters).
    /// </summary>
    private static void CountKeys<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, int offset)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        int stride = (int)points + 1;
        int tableLength = groupCount * stride;
        int keyLength = (groupCount * (int)points) + 1;
        int keyTables = 2 * keyLength * sizeof(uint) <= KeyTablesBytes ? 2 : 1;

        // One rental for all tables: the key counters, then the checked tally's slots.
        uint[] rented = ThreadScratch<uint>.Rent((keyTables * keyLength) + tableLength);
        try
        {
            Span<uint> keyCounts = rented.AsSpan(0, keyTables * keyLength);
            Span<uint> checkedSlots = rented.AsSpan(keyTables * keyLength, tableLength);
            keyCounts.Clear();
            checkedSlots.Clear();
            var tally = new KeyTally<TGroup>(stackalloc ushort[PointBlock], keyCounts, keyTables, groupCount, points);
            TallyBlocks(ratings, groups, groupCount, points, ref tally, checkedSlots, offset);
            AddTables(checkedSlots, tableLength, totals);
            for (int t = 0; t < keyTables; t++)
            {
                AddExact<uint>(keyCounts.Slice(t * keyLength, keyLength), groupCount, points, totals);
            }
        }
        finally
        {
            ThreadScratch<uint>.Return(rented);
        }
    }

    /// <summary>Keys of a block by Vector128, then four keys per 64-bit load into one or two interleaved tables.</summary>
    private readonly ref struct KeyTally<TGroup>(Span<ushort> keys, Span<uint> counts, int tables, int groupCount, uint points) : IBlockTally<TGroup>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        private readonly Span<ushort> _keys = keys;
        private readonly Span<uint> _counts = counts;
        private readonly int _tables = tables, _groupCount = groupCount;
        private readonly uint _points = points;

        public bool TryTally(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups)
        {
            if (!KeysOf(ratings, groups, _groupCount, _points, _keys))
            {
                return false;
            }

            if (_tables == 2)
            {
                TallyKeys2(_keys, _counts);
            }
            else
            {
                TallyKeys1(_keys, _counts);
            }

            return true;
        }
    }

    /// <summary>
    /// Writes the keys <c>group × points + rating</c> of a block of <see cref="PointBlock"/> responses; false when any
    /// rating is off 1..points or any group id off 0..groupCount − 1 (the keys are then meaningless). groupCount ×
    /// (points + 1) is at most <see cref="ByteCounterSlots"/>, so every key of a clean block fits 16 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool KeysOf<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<ushort> keys)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        ref byte s = ref MemoryMarshal.GetReference(ratings);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref ushort k = ref MemoryMarshal.GetReference(keys);
        Vector128<ushort> pointsVector = Vector128.Create((ushort)points);
        Vector128<ushort> last16 = Vector128.Create((ushort)(groupCount - 1));
        Vector128<uint> last32 = Vector128.Create((uint)(groupCount - 1));
        Vector128<byte> one = Vector128.Create((byte)1), lastRating = Vector128.Create((byte)(points - 1));
        Vector128<byte> bad = Vector128<byte>.Zero;
        for (int i = 0; i < PointBlock; i += Vector128<byte>.Count)
        {
            Vector128<byte> rating = Vector128.LoadUnsafe(ref s, (nuint)i);

            // rating − 1 wraps a 0 to 255, so one unsigned comparison checks both ends of the scale.
            bad |= Vector128.GreaterThan(rating - one, lastRating);
            (Vector128<ushort> ratingLower, Vector128<ushort> ratingUpper) = Vector128.Widen(rating);
            Vector128<ushort> lower, upper;
            if (typeof(TGroup) == typeof(byte))
            {
                (lower, upper) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.As<TGroup, byte>(ref g), (nuint)i));
            }
            else if (typeof(TGroup) == typeof(ushort))
            {
                ref ushort g16 = ref Unsafe.As<TGroup, ushort>(ref g);
                lower = Vector128.LoadUnsafe(ref g16, (nuint)i);
                upper = Vector128.LoadUnsafe(ref g16, (nuint)(i + 8));
            }
            else if (typeof(TGroup) == typeof(int))
            {
                // Negative ids read as unsigned are above the last group; the narrowing below truncates only checked ids.
                ref uint g32 = ref Unsafe.As<TGroup, uint>(ref g);
                Vector128<uint> a = Vector128.LoadUnsafe(ref g32, (nuint)i), b = Vector128.LoadUnsafe(ref g32, (nuint)(i + 4));
                Vector128<uint> c = Vector128.LoadUnsafe(ref g32, (nuint)(i + 8)), d = Vector128.LoadUnsafe(ref g32, (nuint)(i + 12));
                bad |= (Vector128.GreaterThan(a, last32) | Vector128.GreaterThan(b, last32) | Vector128.GreaterThan(c, last32) | Vector128.GreaterThan(d, last32)).AsByte();
                lower = Vector128.Narrow(a, b);
                upper = Vector128.Narrow(c, d);
            }
            else
            {
                return false;
            }

            bad |= (Vector128.GreaterThan(lower, last16) | Vector128.GreaterThan(upper, last16)).AsByte();
            ((lower * pointsVector) + ratingLower).StoreUnsafe(ref k, (nuint)i);
            ((upper * pointsVector) + ratingUpper).StoreUnsafe(ref k, (nuint)(i + 8));
        }

        return bad == Vector128<byte>.Zero;
    }

    /// <summary>Increments the 32-bit counter of each 16-bit key (keys or pair keys), four keys per 64-bit load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TallyKeys1(ReadOnlySpan<ushort> keys, Span<uint> counts)
    {
        ref byte k = ref Unsafe.As<ushort, byte>(ref MemoryMarshal.GetReference(keys));
        ref uint t = ref MemoryMarshal.GetReference(counts);
        int bytes = keys.Length * sizeof(ushort);
        for (int i = 0; i < bytes; i += sizeof(ulong))
        {
            // Four keys per load (little-endian lanes, as Vector128 stored them; big-endian only permutes which counter goes first).
            ulong four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref k, i));
            Unsafe.Add(ref t, (nint)(four & 0xFFFF))++;
            Unsafe.Add(ref t, (nint)((four >> 16) & 0xFFFF))++;
            Unsafe.Add(ref t, (nint)((four >> 32) & 0xFFFF))++;
            Unsafe.Add(ref t, (nint)(four >> 48))++;
        }
    }

    /// <summary>As <see cref="TallyKeys1"/> into two interleaved tables (the first and second halves of <paramref name="counts"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TallyKeys2(ReadOnlySpan<ushort> keys, Span<uint> counts)
    {
        ref byte k = ref Unsafe.As<ushort, byte>(ref MemoryMarshal.GetReference(keys));
        ref uint t0 = ref MemoryMarshal.GetReference(counts);
        ref uint t1 = ref Unsafe.Add(ref t0, counts.Length / 2);
        int bytes = keys.Length * sizeof(ushort);
        for (int i = 0; i < bytes; i += sizeof(ulong))
        {
            ulong four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref k, i));
            Unsafe.Add(ref t0, (nint)(four & 0xFFFF))++;
            Unsafe.Add(ref t1, (nint)((four >> 16) & 0xFFFF))++;
            Unsafe.Add(ref t0, (nint)((four >> 32) & 0xFFFF))++;
            Unsafe.Add(ref t1, (nint)(four >> 48))++;
        }
    }
}
