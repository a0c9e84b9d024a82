using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>Rating scales per group, byte ids and few keys (groupCount × points ≤ <see cref="PairKeys"/>): pair keys (GroupedKernel.Points.cs says how the paths split).</summary>
internal static partial class GroupedKernel
{
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

            TallyKeys1(_pairKeys, _pairs); // a pair key is a 16-bit key like any other
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
}
