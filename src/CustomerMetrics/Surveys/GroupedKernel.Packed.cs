using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// NPS per group with one packed 64-bit counter per group: bits 0–20 count detractors, 21–41 passives, 42–62 promoters.
/// A response adds <c>PackedIncrement[min(score, 11)]</c> (1, 2²¹ or 2⁴², and 0 for a score above 10) to its group's
/// counter: one load-add-store, no branch on the category. Two tables, responses alternating between them, halve the
/// store-to-load chain when neighbouring responses share a group (data sorted by segment); above
/// <see cref="PackedTwoTableGroups"/> groups one table keeps the counters in L2. The loops take one response (one table)
/// or one pair (two tables) per iteration: unrolling four responses with one range check for all four ran 2.5–3× slower
/// in a scratch measurement (100 M responses, G = 17, 1,000 and 65,536, AVX2 host), as did a shift-built increment. Every <see cref="PackedFlushLength"/>
/// responses (so no field can exceed 2²¹ − 1) the fields are added to the wide counts and the tables cleared. Invalid
/// scores add nothing; a block whose fields sum to fewer responses than it holds is scanned again to count them per
/// group (dirty data only).
/// </summary>
/// <remarks>The kernel is generic in the group id and knows only "group id in, three counts out".</remarks>
internal static partial class GroupedKernel
{
    /// <summary>Responses per flush: a 21-bit field holds at most 2²¹ − 1.</summary>
    internal const int PackedFlushLength = (1 << 21) - 1;

    /// <summary>Group counts up to this use two interleaved tables (2 × 16,384 × 8 B = 256 KB).</summary>
    private const int PackedTwoTableGroups = 16_384;

    private const int PackedFieldBits = 21;

    private const ulong PackedFieldMask = (1UL << PackedFieldBits) - 1;

    /// <summary>The increment of a score, indexed by min(score, 11): detractor 1, passive 2²¹, promoter 2⁴², invalid 0.</summary>
    private static ReadOnlySpan<ulong> PackedIncrement =>
        [1, 1, 1, 1, 1, 1, 1, 1UL << PackedFieldBits, 1UL << PackedFieldBits, 1UL << (2 * PackedFieldBits), 1UL << (2 * PackedFieldBits), 0];

    /// <summary>
    /// Adds the NPS counts of one range per group into <paramref name="totals"/> (4 slots per group: detractors,
    /// passives, promoters, invalid); throws naming the first group id out of range (index offset by <paramref name="offset"/>).
    /// </summary>
    private static void CountPacked<TScore, TGroup>(ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, Span<long> totals, int offset)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        int tables = groupCount <= PackedTwoTableGroups ? 2 : 1;
        int length = tables * groupCount;
        ulong[]? rented = null;
        Span<ulong> counters = length * sizeof(ulong) <= StackBytes
            ? stackalloc ulong[StackBytes / sizeof(ulong)]
            : (rented = ThreadScratch<ulong>.Rent(length));
        counters = counters[..length];
        counters.Clear();
        try
        {
            for (int start = 0; start < scores.Length; start += PackedFlushLength)
            {
                int end = Math.Min(scores.Length, start + PackedFlushLength);
                ReadOnlySpan<TScore> s = scores[start..end];
                ReadOnlySpan<TGroup> g = groups[start..end];
                if (tables == 2)
                {
                    PackedTally2(s, g, groupCount, counters, offset + start);
                }
                else
                {
                    PackedTally1(s, g, groupCount, counters, offset + start);
                }

                long valid = PackedFlush(counters, groupCount, totals);
                if (valid != s.Length)
                {
                    CountInvalid(s, g, totals);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ThreadScratch<ulong>.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackedTally2<TScore, TGroup>(ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, Span<ulong> counters, int offset)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        ref TScore s = ref MemoryMarshal.GetReference(scores);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref ulong t0 = ref MemoryMarshal.GetReference(counters);
        ref ulong t1 = ref Unsafe.Add(ref t0, groupCount);
        ref ulong inc = ref MemoryMarshal.GetReference(PackedIncrement);
        uint limit = (uint)groupCount;
        int n = scores.Length;
        int i = 0;
        for (; i <= n - 2; i += 2)
        {
            uint g0 = uint.CreateTruncating(Unsafe.Add(ref g, i));
            if (g0 >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t0, (nint)g0) += Unsafe.Add(ref inc, (nint)Math.Min(uint.CreateTruncating(Unsafe.Add(ref s, i)), 11u));
            uint g1 = uint.CreateTruncating(Unsafe.Add(ref g, i + 1));
            if (g1 >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t1, (nint)g1) += Unsafe.Add(ref inc, (nint)Math.Min(uint.CreateTruncating(Unsafe.Add(ref s, i + 1)), 11u));
        }

        PackedTally1(scores[i..], groups[i..], groupCount, counters, offset + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackedTally1<TScore, TGroup>(ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, Span<ulong> counters, int offset)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        ref TScore s = ref MemoryMarshal.GetReference(scores);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref ulong t = ref MemoryMarshal.GetReference(counters);
        ref ulong inc = ref MemoryMarshal.GetReference(PackedIncrement);
        uint limit = (uint)groupCount;
        int n = scores.Length;
        int i = 0;
        for (; i < n; i++)
        {
            uint group = uint.CreateTruncating(Unsafe.Add(ref g, i));
            if (group >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t, (nint)group) += Unsafe.Add(ref inc, (nint)Math.Min(uint.CreateTruncating(Unsafe.Add(ref s, i)), 11u));
        }
    }

    /// <summary>Adds every table's fields into <paramref name="totals"/>, clears the tables, and returns the number of responses they held.</summary>
    private static long PackedFlush(Span<ulong> counters, int groupCount, Span<long> totals)
    {
        long valid = 0;
        for (int t = 0; t < counters.Length; t += groupCount)
        {
            Span<ulong> table = counters.Slice(t, groupCount);
            for (int group = 0; group < table.Length; group++)
            {
                ulong packed = table[group];
                if (packed != 0)
                {
                    long detractors = (long)(packed & PackedFieldMask);
                    long passives = (long)((packed >> PackedFieldBits) & PackedFieldMask);
                    long promoters = (long)(packed >> (2 * PackedFieldBits));
                    totals[group * 4] += detractors;
                    totals[(group * 4) + 1] += passives;
                    totals[(group * 4) + 2] += promoters;
                    valid += detractors + passives + promoters;
                    table[group] = 0;
                }
            }
        }

        return valid;
    }

    /// <summary>Counts the scores above 10 of a range per group (slot 3); the group ids have been checked.</summary>
    private static void CountInvalid<TScore, TGroup>(ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, Span<long> totals)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        for (int i = 0; i < scores.Length; i++)
        {
            if (uint.CreateTruncating(scores[i]) > 10)
            {
                totals[(int.CreateTruncating(groups[i]) * 4) + 3]++;
            }
        }
    }
}
