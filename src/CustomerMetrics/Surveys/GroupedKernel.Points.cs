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
            var tally = new ByteTally<TGroup>(stackalloc uint[PointBlock], narrow, wide, groupCount, points);
            TallyBlocks(ratings, groups, groupCount, points, ref tally, wide, offset);
            AddTables(wide, tableLength, totals);
            AddExact<byte>(narrow, groupCount, points, totals);
        }
        finally
        {
            ThreadScratch<byte>.Return(narrowArray);
            ThreadScratch<uint>.Return(wideArray);
        }
    }

    /// <summary>32-bit keys of a block by Vector128 (which also checks it), then 8-bit counters; the 32-bit table takes the carries (and, outside, the checked tally).</summary>
    private readonly ref struct ByteTally<TGroup>(Span<uint> keys, Span<byte> narrow, Span<uint> wide, int groupCount, uint points) : IBlockTally<TGroup>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        private readonly Span<uint> _keys = keys;
        private readonly Span<byte> _narrow = narrow;
        private readonly Span<uint> _wide = wide;
        private readonly int _groupCount = groupCount;
        private readonly uint _points = points;

        public bool TryTally(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups)
        {
            if (!WideKeysOf(ratings, groups, _groupCount, _points, _keys))
            {
                return false;
            }

            TallyKeyBytes(_keys, _points, _narrow, _wide);
            return true;
        }
    }

    /// <summary>
    /// Writes the 32-bit keys <c>group × points + rating</c> of a block of <see cref="PointBlock"/> responses; false when
    /// any rating is off 1..points or any group id off 0..groupCount − 1 (the keys are then meaningless).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool WideKeysOf<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<uint> keys)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        ref byte s = ref MemoryMarshal.GetReference(ratings);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref uint k = ref MemoryMarshal.GetReference(keys);
        Vector128<uint> pointsVector = Vector128.Create(points), last = Vector128.Create((uint)(groupCount - 1));
        Vector128<byte> one = Vector128.Create((byte)1), lastRating = Vector128.Create((byte)(points - 1));
        Vector128<byte> bad = Vector128<byte>.Zero;
        for (int i = 0; i < PointBlock; i += Vector128<byte>.Count)
        {
            Vector128<byte> rating = Vector128.LoadUnsafe(ref s, (nuint)i);

            // rating − 1 wraps a 0 to 255, so one unsigned comparison checks both ends of the scale.
            bad |= Vector128.GreaterThan(rating - one, lastRating);
            (Vector128<ushort> ratingLower, Vector128<ushort> ratingUpper) = Vector128.Widen(rating);
            (Vector128<uint> r0, Vector128<uint> r1) = Vector128.Widen(ratingLower);
            (Vector128<uint> r2, Vector128<uint> r3) = Vector128.Widen(ratingUpper);
            Vector128<uint> a, b, c, d;
            if (typeof(TGroup) == typeof(byte))
            {
                (Vector128<ushort> lower, Vector128<ushort> upper) = Vector128.Widen(Vector128.LoadUnsafe(ref Unsafe.As<TGroup, byte>(ref g), (nuint)i));
                (a, b) = Vector128.Widen(lower);
                (c, d) = Vector128.Widen(upper);
            }
            else if (typeof(TGroup) == typeof(ushort))
            {
                ref ushort g16 = ref Unsafe.As<TGroup, ushort>(ref g);
                (a, b) = Vector128.Widen(Vector128.LoadUnsafe(ref g16, (nuint)i));
                (c, d) = Vector128.Widen(Vector128.LoadUnsafe(ref g16, (nuint)(i + 8)));
            }
            else if (typeof(TGroup) == typeof(int))
            {
                // Negative ids read as unsigned are above the last group.
                ref uint g32 = ref Unsafe.As<TGroup, uint>(ref g);
                a = Vector128.LoadUnsafe(ref g32, (nuint)i);
                b = Vector128.LoadUnsafe(ref g32, (nuint)(i + 4));
                c = Vector128.LoadUnsafe(ref g32, (nuint)(i + 8));
                d = Vector128.LoadUnsafe(ref g32, (nuint)(i + 12));
            }
            else
            {
                return false;
            }

            bad |= (Vector128.GreaterThan(a, last) | Vector128.GreaterThan(b, last) | Vector128.GreaterThan(c, last) | Vector128.GreaterThan(d, last)).AsByte();
            ((a * pointsVector) + r0).StoreUnsafe(ref k, (nuint)i);
            ((b * pointsVector) + r1).StoreUnsafe(ref k, (nuint)(i + 4));
            ((c * pointsVector) + r2).StoreUnsafe(ref k, (nuint)(i + 8));
            ((d * pointsVector) + r3).StoreUnsafe(ref k, (nuint)(i + 12));
        }

        return bad == Vector128<byte>.Zero;
    }

    /// <summary>Increments the 8-bit counter of each key (two keys per 64-bit load), carrying 256 into the 32-bit table when one wraps to 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TallyKeyBytes(ReadOnlySpan<uint> keys, uint points, Span<byte> narrow, Span<uint> wide)
    {
        ref byte k = ref Unsafe.As<uint, byte>(ref MemoryMarshal.GetReference(keys));
        ref byte t = ref MemoryMarshal.GetReference(narrow);
        ref uint w = ref MemoryMarshal.GetReference(wide);
        int bytes = keys.Length * sizeof(uint);
        for (int i = 0; i < bytes; i += sizeof(ulong))
        {
            ulong two = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref k, i));
            nint first = (nint)(uint)two, second = (nint)(two >> 32);
            if (++Unsafe.Add(ref t, first) == 0)
            {
                Carry(ref w, first, points);
            }

            if (++Unsafe.Add(ref t, second) == 0)
            {
                Carry(ref w, second, points);
            }
        }

        // Key group × points + rating (rating 1..points) is slot group × (points + 1) + rating, group = (key − 1) / points.
        static void Carry(ref uint wide, nint key, uint points) => Unsafe.Add(ref wide, key + ((key - 1) / (nint)points)) += 256;
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
            var tally = new PairTally(stackalloc ushort[PointBlock / 2], pairs, groupCount, points);
            TallyBlocks(ratings, groups, groupCount, points, ref tally, checkedSlots, offset);
            AddTables(checkedSlots, tableLength, totals);

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

    /// <summary>Pair keys of a block by Vector128 (which also checks it), then one 32-bit counter per pair.</summary>
    private readonly ref struct PairTally(Span<ushort> pairKeys, Span<uint> pairs, int groupCount, uint points) : IBlockTally<byte>
    {
        private readonly Span<ushort> _pairKeys = pairKeys;
        private readonly Span<uint> _pairs = pairs;
        private readonly int _groupCount = groupCount;
        private readonly uint _points = points;

        public bool TryTally(ReadOnlySpan<byte> ratings, ReadOnlySpan<byte> groups)
        {
            if (!PairKeysOf(ratings, groups, _groupCount, _points, _pairKeys))
            {
                return false;
            }

            TallyPairs(_pairKeys, _pairs);
            return true;
        }
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
