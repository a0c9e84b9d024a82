using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>Rating scales per group, large tables (above <see cref="ByteCounterSlots"/> slots): 8-bit counters with carry (GroupedKernel.Points.cs says how the paths split).</summary>
internal static partial class GroupedKernel
{
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
}
