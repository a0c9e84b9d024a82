using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>
/// NPS, CES and CSAT per period by day. Each response adds <c>lut[score]</c> to one packed <see cref="ulong"/> of its day
/// (four 16-bit counts: for NPS detractor, passive, promoter, invalid; for a rating scale, off-scale and the points, in
/// one to three words a day), counted from the first day of the first period, in one of four
/// tables written round-robin (so that neighbouring responses on the same day do not wait on each other's store): one
/// load-add-store per response. The range check is vectorised (the largest day offset of 64 rows against the span).
/// Blocks of rows short enough that no 16-bit count can overflow are flushed into 32-bit per-day counts, and the days
/// are folded into periods at the end, which costs one step per day of the range, not per response. No calendar
/// arithmetic per response, whatever the unit, and in any order of the dates. From <see cref="ForkLength"/> rows on, the
/// rows are split in halves counted on two cores (<see cref="ForkJoin"/>), each into its own per-day counts, which are
/// then added (integer counts, so the result is the same on any number of cores). Used when the periods span at most
/// <see cref="MaxSpanDays"/> days.
/// </summary>
internal static unsafe class PeriodKernel
{
    /// <summary>Ranges up to this many days use the day tables (a range of 179 years; 1 MB of counters at most).</summary>
    public const int MaxSpanDays = 65_536;

    /// <summary>
    /// Rows from which the counting runs its two halves on two cores (2^20 rows, 5 MB of dates and scores: about a
    /// millisecond of one core, against the few microseconds a fork costs).
    /// </summary>
    public const int ForkLength = 1 << 20;

    /// <summary>
    /// Per-day counts (four 32-bit slots a word) up to this many uints live on the stack (18 KB); longer ones are rented:
    /// 1,152 days of NPS, 576 of a 4- to 7-point scale, 384 (a leap year) of an 8- to 11-point one.
    /// </summary>
    public const int StackWideLength = 4608;

    /// <summary>
    /// Ranges of up to this many packed words (days × words a day) use four interleaved packed tables (32 KB on the
    /// stack); longer ones one table (on the stack up to 4,096 words). 1,024 days of NPS, 512 days of a 4- to 7-point scale.
    /// </summary>
    private const int MultiTableWords = 1024;

    private const int Slots = 4;

    /// <summary>Rows per range check: the largest day offset of this many rows is compared with the span at once.</summary>
    private const int CheckRows = 64;

    /// <summary>Rows converted to day numbers at a time for timestamp types other than <see cref="DateOnly"/>.</summary>
    private const int Chunk = 1024;

    /// <summary>
    /// The day range [firstDay, firstDay + span) of <paramref name="periods"/> periods from the period that holds
    /// <paramref name="origin"/>, when it is at most <see cref="MaxSpanDays"/> days and inside the calendar.
    /// </summary>
    public static bool TryDayRange(PeriodUnit unit, DateOnly origin, int periods, out int firstDay, out int span)
    {
        int originIndex = unit.WholePeriodIndex(origin.DayNumber);
        firstDay = unit.FirstDayOfWholePeriod(originIndex);
        int longest = unit.Kind switch
        {
            PeriodKind.Day => 1,
            PeriodKind.Week => 7,
            PeriodKind.Month => 31,
            PeriodKind.Quarter => 92,
            _ => unit.CustomLengthInDays,
        };
        long bound = (long)periods * longest;
        if (periods < 1 || bound > MaxSpanDays || firstDay + bound > DateOnly.MaxValue.DayNumber + 1L)
        {
            span = 0;
            return false;
        }

        span = unit.FirstDayOfWholePeriod(originIndex + periods) - firstDay;
        return true;
    }

    /// <summary>
    /// Adds each response to its day's counts in <paramref name="wide"/> (four slots a day: detractor, passive,
    /// promoter, score above 10), on two cores from <paramref name="forkLength"/> rows on. Returns −1, or the lowest
    /// index of a timestamp whose day is outside the range (the counts are then incomplete).
    /// </summary>
    /// <typeparam name="TTime">The timestamp type.</typeparam>
    /// <typeparam name="TDays">A converter whose default value converts (no state), so that both cores can use it.</typeparam>
    public static int Count<TTime, TDays>(ReadOnlySpan<TTime> times, ReadOnlySpan<byte> scores, int firstDay, int span, Span<uint> wide, int forkLength, VectorPath path)
        where TTime : unmanaged
        where TDays : struct, IDayConverter<TTime>
    {
        Span<byte> slotOf = stackalloc byte[256];
        NpsSlotsOf(slotOf);
        return Count<TTime, TDays, OneWord>(times, scores, slotOf, firstDay, span, wide, forkLength, path);
    }

    /// <summary>
    /// Adds each response to its day's counts in <paramref name="wide"/> (<c>4 × TWords.Words</c> slots a day; a score
    /// <c>s</c> counts in slot <c>slotOf[s]</c>), on two cores from <paramref name="forkLength"/> rows on. Returns −1,
    /// or the lowest index of a timestamp whose day is outside the range (the counts are then incomplete).
    /// </summary>
    /// <typeparam name="TTime">The timestamp type.</typeparam>
    /// <typeparam name="TDays">A converter whose default value converts (no state), so that both cores can use it.</typeparam>
    /// <typeparam name="TWords">Packed words (four 16-bit counts each) a day.</typeparam>
    public static int Count<TTime, TDays, TWords>(ReadOnlySpan<TTime> times, ReadOnlySpan<byte> scores, ReadOnlySpan<byte> slotOf, int firstDay, int span, Span<uint> wide, int forkLength, VectorPath path)
        where TTime : unmanaged
        where TDays : struct, IDayConverter<TTime>
        where TWords : struct, IPackedWords
    {
        ulong* lut = stackalloc ulong[256];
        byte* wordOf = stackalloc byte[256];
        Steps(slotOf, lut, wordOf);
        fixed (TTime* t = times)
        fixed (byte* s = scores)
        fixed (uint* w = wide)
        {
            var node = new Node(t, s, 0, scores.Length, firstDay, span, w, forkLength, ForkJoin.MaxDepth, VectorPaths.Resolve(path), &DefaultLeaf<TTime, TDays, TWords>, lut, wordOf, TWords.Words);
            Run(&node);
            return node.Bad;
        }
    }

    /// <summary>As the overload above, with a converter that carries state (a time zone), on one core.</summary>
    public static int Count<TTime, TDays>(ReadOnlySpan<TTime> times, TDays toDays, ReadOnlySpan<byte> scores, int firstDay, int span, Span<uint> wide, VectorPath path)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
    {
        Span<byte> slotOf = stackalloc byte[256];
        NpsSlotsOf(slotOf);
        return Count<TTime, TDays, OneWord>(times, toDays, scores, slotOf, firstDay, span, wide, path);
    }

    /// <summary>As the generic overload above, with a converter that carries state (a time zone), on one core.</summary>
    public static int Count<TTime, TDays, TWords>(ReadOnlySpan<TTime> times, TDays toDays, ReadOnlySpan<byte> scores, ReadOnlySpan<byte> slotOf, int firstDay, int span, Span<uint> wide, VectorPath path)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
        where TWords : struct, IPackedWords
    {
        ulong* lut = stackalloc ulong[256];
        byte* wordOf = stackalloc byte[256];
        Steps(slotOf, lut, wordOf);
        fixed (TTime* t = times)
        fixed (byte* s = scores)
        fixed (uint* w = wide)
        {
            var node = new Node(t, s, 0, scores.Length, firstDay, span, w, int.MaxValue, 0, VectorPaths.Resolve(path), null, lut, wordOf, TWords.Words);
            Leaf<TTime, TDays, TWords>(&node, toDays);
            return node.Bad;
        }
    }

    /// <summary>NPS's four slots: detractor (0–6), passive (7–8), promoter (9–10), score above 10.</summary>
    public static void NpsSlotsOf(Span<byte> slotOf)
    {
        for (int score = 0; score < 256; score++)
        {
            slotOf[score] = (byte)(score <= 6 ? 0 : score <= 8 ? 1 : score <= 10 ? 2 : 3);
        }
    }

    /// <summary>Rating points 1 to <paramref name="points"/> in slots 1 to points, anything else (off the scale) in slot 0.</summary>
    public static void PointSlotsOf(Span<byte> slotOf, int points)
    {
        for (int score = 0; score < 256; score++)
        {
            slotOf[score] = (byte)(score >= 1 && score <= points ? score : 0);
        }
    }

    /// <summary>A score's packed step (one in the 16-bit field of its slot) and the word of the day that holds the field.</summary>
    private static void Steps(ReadOnlySpan<byte> slotOf, ulong* lut, byte* wordOf)
    {
        for (int score = 0; score < 256; score++)
        {
            int slot = slotOf[score];
            lut[score] = 1UL << (16 * (slot & 3));
            wordOf[score] = (byte)(slot >> 2);
        }
    }

    /// <summary>Adds the per-day counts into <paramref name="totals"/> (four slots per period), day by day through the periods.</summary>
    public static void Fold(ReadOnlySpan<uint> wide, int firstDay, int span, PeriodIndexer indexer, Span<long> totals) =>
        Fold(wide, firstDay, span, Slots, indexer, totals);

    /// <summary>Adds per-day counts of <paramref name="slots"/> slots a day into <paramref name="totals"/> (as many slots per period).</summary>
    public static void Fold(ReadOnlySpan<uint> wide, int firstDay, int span, int slots, PeriodIndexer indexer, Span<long> totals)
    {
        for (int day = 0; day < span; day++)
        {
            int period = indexer.Index(firstDay + day);
            for (int slot = 0; slot < slots; slot++)
            {
                totals[(period * slots) + slot] += wide[(day * slots) + slot];
            }
        }
    }

    /// <summary>Zeroed per-day counts of <paramref name="length"/> uints: <paramref name="stack"/> when it is long enough, else rented (return with <see cref="ReturnWide"/>).</summary>
    public static Span<uint> Wide(int length, Span<uint> stack, out uint[]? rented)
    {
        rented = null;
        Span<uint> wide = length <= stack.Length ? stack[..length] : (rented = ArrayPool<uint>.Shared.Rent(length)).AsSpan(0, length);
        wide.Clear();
        return wide;
    }

    /// <summary>Returns per-day counts rented by <see cref="Wide"/>.</summary>
    public static void ReturnWide(uint[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<uint>.Shared.Return(rented);
        }
    }

    /// <summary>One node of the split: rows [Offset, Offset + Length) of the pinned spans, counted into Wide.</summary>
    private struct Node(void* times, byte* scores, int offset, int length, int firstDay, int span, uint* wide, int forkLength, int forkDepth, VectorPath path, delegate*<Node*, void> leaf, ulong* lut, byte* wordOf, int words)
    {
        public readonly void* Times = times;
        public readonly byte* Scores = scores;
        public readonly int Offset = offset, Length = length, FirstDay = firstDay, Span = span, ForkLength = forkLength, ForkDepth = forkDepth, Words = words;
        public readonly uint* Wide = wide;
        public readonly VectorPath Path = path;
        public readonly delegate*<Node*, void> Leaf = leaf;
        public readonly ulong* Lut = lut;
        public readonly byte* WordOf = wordOf;
        public int Bad = -1;

        public readonly Node Part(int offset, int length, uint* wide) =>
            new(Times, Scores, offset, length, FirstDay, Span, wide, ForkLength, ForkDepth - 1, Path, Leaf, Lut, WordOf, Words);
    }

    private static void Run(void* state)
    {
        var node = (Node*)state;
        if (node->ForkDepth <= 0 || node->Length < node->ForkLength || node->Length < 2 * Chunk)
        {
            node->Leaf(node);
            return;
        }

        // Halves split at a multiple of the chunk; the right half counts into its own per-day counts.
        int half = node->Length / 2 / Chunk * Chunk;
        int wideLength = node->Span * Slots * node->Words;
        uint[]? rented = null;
        Span<uint> rightWide = wideLength <= StackWideLength
            ? stackalloc uint[StackWideLength]
            : (rented = ArrayPool<uint>.Shared.Rent(wideLength));
        rightWide = rightWide[..wideLength];
        rightWide.Clear();
        try
        {
            fixed (uint* rw = rightWide)
            {
                Node left = node->Part(node->Offset, half, node->Wide), right = node->Part(node->Offset + half, node->Length - half, rw);
                ForkJoin.Invoke(&Run, &left, &right);

                // The lowest bad index wins: the left half's if it has one.
                node->Bad = left.Bad >= 0 ? left.Bad : right.Bad;
                if (node->Bad < 0)
                {
                    uint* w = node->Wide;
                    for (int i = 0; i < wideLength; i++)
                    {
                        w[i] += rw[i];
                    }
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<uint>.Shared.Return(rented);
            }
        }
    }

    private static void DefaultLeaf<TTime, TDays, TWords>(Node* node)
        where TTime : unmanaged
        where TDays : struct, IDayConverter<TTime>
        where TWords : struct, IPackedWords => Leaf<TTime, TDays, TWords>(node, default);

    /// <summary>Counts a node's rows on this thread into its per-day counts; sets <see cref="Node.Bad"/> on a day outside the range.</summary>
    [SkipLocalsInit]
    private static void Leaf<TTime, TDays, TWords>(Node* node, TDays toDays)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
        where TWords : struct, IPackedWords
    {
        int span = node->Span, firstDay = node->FirstDay;
        int words = TWords.Words;
        int tables = span * words <= MultiTableWords ? 4 : 1;
        int tableWords = span * words;
        int tableLength = tables * tableWords;

        ulong[]? rented = null;
        Span<ulong> table = tableLength <= 4 * MultiTableWords
            ? stackalloc ulong[4 * MultiTableWords]
            : (rented = ArrayPool<ulong>.Shared.Rent(tableLength));
        table = table[..tableLength];
        table.Clear();

        // A block adds at most 65,280 to any 16-bit count (each of four tables takes every fourth row), then flushes.
        int block = tables == 4 ? 255 * Chunk : 63 * Chunk;
        Span<int> days = stackalloc int[Chunk];
        try
        {
            fixed (ulong* packed = table)
            fixed (int* converted = days)
            {
                // Biased by the first day, so that a day number indexes its own counters (after the range check).
                ulong* t0 = packed - ((nint)firstDay * words);
                ulong* t1 = tables == 4 ? t0 + tableWords : t0;
                ulong* t2 = tables == 4 ? t1 + tableWords : t0;
                ulong* t3 = tables == 4 ? t2 + tableWords : t0;
                var tablesOf = new Tables(t0, t1, t2, t3, node->Lut, node->WordOf, firstDay, (uint)span);
                int length = node->Length;
                for (int start = 0; start < length; start += block)
                {
                    int n = Math.Min(block, length - start);
                    int row = node->Offset + start;
                    int bad;
                    if (typeof(TTime) == typeof(DateOnly))
                    {
                        bad = CountDays<TWords>((int*)node->Times + row, node->Scores + row, n, tablesOf, node->Path);
                    }
                    else
                    {
                        bad = -1;
                        for (int c = 0; c < n && bad < 0; c += Chunk)
                        {
                            int m = Math.Min(Chunk, n - c);
                            toDays.Convert(new ReadOnlySpan<TTime>((TTime*)node->Times + row + c, m), days);
                            bad = CountDays<TWords>(converted, node->Scores + row + c, m, tablesOf, node->Path);
                            bad = bad < 0 ? -1 : bad + c;
                        }
                    }

                    if (bad >= 0)
                    {
                        node->Bad = node->Offset + start + bad;
                        return;
                    }

                    Flush(packed, tables, tableWords, node->Wide);
                    table.Clear();
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Adds the packed 16-bit counts of every table (<paramref name="tableWords"/> words each) into the 32-bit per-day counts.</summary>
    private static void Flush(ulong* packed, int tables, int tableWords, uint* wide)
    {
        for (int word = 0; word < tableWords; word++)
        {
            ulong v = packed[word];
            uint c0 = (uint)(v & 0xFFFF), c1 = (uint)((v >> 16) & 0xFFFF), c2 = (uint)((v >> 32) & 0xFFFF), c3 = (uint)(v >> 48);
            for (int t = 1; t < tables; t++)
            {
                ulong u = packed[(t * tableWords) + word];
                c0 += (uint)(u & 0xFFFF);
                c1 += (uint)((u >> 16) & 0xFFFF);
                c2 += (uint)((u >> 32) & 0xFFFF);
                c3 += (uint)(u >> 48);
            }

            // Word w of day d holds slots 4w..4w+3 of that day: the per-day counts are the same order, four per word.
            uint* w = wide + (word * Slots);
            w[0] += c0;
            w[1] += c1;
            w[2] += c2;
            w[3] += c3;
        }
    }

    /// <summary>The four packed tables biased by the first day, the score steps and words and the range.</summary>
    private readonly struct Tables(ulong* t0, ulong* t1, ulong* t2, ulong* t3, ulong* lut, byte* wordOf, int firstDay, uint span)
    {
        public readonly ulong* T0 = t0, T1 = t1, T2 = t2, T3 = t3, Lut = lut;
        public readonly byte* WordOf = wordOf;
        public readonly int FirstDay = firstDay;
        public readonly uint Span = span;
    }

    /// <summary>Packed words (four 16-bit counts each) a day, fixed at JIT time.</summary>
    internal interface IPackedWords
    {
        static abstract int Words { get; }
    }

    /// <summary>One word a day: up to four slots (NPS; 3-point scales).</summary>
    internal readonly struct OneWord : IPackedWords
    {
        public static int Words => 1;
    }

    /// <summary>Two words a day: up to eight slots (off-scale and 4- to 7-point scales).</summary>
    internal readonly struct TwoWords : IPackedWords
    {
        public static int Words => 2;
    }

    /// <summary>Three words a day: up to twelve slots (off-scale and 8- to 11-point scales).</summary>
    internal readonly struct ThreeWords : IPackedWords
    {
        public static int Words => 3;
    }

    /// <summary>Adds a score's step to its day's word in table <paramref name="t"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<TWords>(ulong* t, int day, byte score, ulong* lut, byte* wordOf)
        where TWords : struct, IPackedWords
    {
        if (TWords.Words == 1)
        {
            t[day] += lut[score];
        }
        else
        {
            t[((nint)day * TWords.Words) + wordOf[score]] += lut[score];
        }
    }

    /// <summary>Counts <paramref name="n"/> rows of day numbers; returns −1 or the index of the first day outside the range (rows before its 64-row block are counted).</summary>
    private static int CountDays<TWords>(int* days, byte* scores, int n, in Tables t, VectorPath path)
        where TWords : struct, IPackedWords => path switch
        {
            VectorPath.Vector512 => CountDays<Vector512<uint>, Vector512Ops<uint>, TWords>(days, scores, n, t),
            VectorPath.Vector256 => CountDays<Vector256<uint>, Vector256Ops<uint>, TWords>(days, scores, n, t),
            VectorPath.Vector128 => CountDays<Vector128<uint>, Vector128Ops<uint>, TWords>(days, scores, n, t),
            _ => CountDaysScalar<TWords>(days, scores, 0, n, t),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountDays<TVector, TOps, TWords>(int* days, byte* scores, int n, in Tables t)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, uint>
        where TWords : struct, IPackedWords
    {
        TVector first = TOps.Create((uint)t.FirstDay);
        TVector last = TOps.Create(t.Span - 1);
        ulong* t0 = t.T0, t1 = t.T1, t2 = t.T2, t3 = t.T3, lut = t.Lut;
        byte* wordOf = t.WordOf;
        ref uint d = ref *(uint*)days;
        int i = 0;
        for (; i <= n - CheckRows; i += CheckRows)
        {
            TVector largest = TOps.Zero;
            for (int k = 0; k < CheckRows; k += TOps.Count)
            {
                largest = TOps.MaxNative(largest, TOps.Subtract(TOps.Load(ref d, (nuint)(i + k)), first));
            }

            if (TOps.GreaterThanAny(largest, last))
            {
                return CountDaysScalar<TWords>(days, scores, i, n, t);
            }

            int* dd = days + i;
            byte* ss = scores + i;
            for (int k = 0; k < CheckRows; k += 4)
            {
                Add<TWords>(t0, dd[k], ss[k], lut, wordOf);
                Add<TWords>(t1, dd[k + 1], ss[k + 1], lut, wordOf);
                Add<TWords>(t2, dd[k + 2], ss[k + 2], lut, wordOf);
                Add<TWords>(t3, dd[k + 3], ss[k + 3], lut, wordOf);
            }
        }

        return CountDaysScalar<TWords>(days, scores, i, n, t);
    }

    /// <summary>Rows [from, n) one at a time, each checked: the scalar path, the tails and the block that holds a bad day.</summary>
    private static int CountDaysScalar<TWords>(int* days, byte* scores, int from, int n, in Tables t)
        where TWords : struct, IPackedWords
    {
        ulong* t0 = t.T0, t1 = t.T1, t2 = t.T2, t3 = t.T3, lut = t.Lut;
        byte* wordOf = t.WordOf;
        int firstDay = t.FirstDay;
        uint span = t.Span;
        int i = from;
        for (; i <= n - 4; i += 4)
        {
            int d0 = days[i], d1 = days[i + 1], d2 = days[i + 2], d3 = days[i + 3];
            uint o0 = (uint)(d0 - firstDay), o1 = (uint)(d1 - firstDay), o2 = (uint)(d2 - firstDay), o3 = (uint)(d3 - firstDay);
            if (Math.Max(Math.Max(o0, o1), Math.Max(o2, o3)) >= span)
            {
                break;
            }

            Add<TWords>(t0, d0, scores[i], lut, wordOf);
            Add<TWords>(t1, d1, scores[i + 1], lut, wordOf);
            Add<TWords>(t2, d2, scores[i + 2], lut, wordOf);
            Add<TWords>(t3, d3, scores[i + 3], lut, wordOf);
        }

        // Rows from i on go to the tables in turn from t0, as the blocks of four do (i − from is a multiple of 4).
        for (; i < n; i++)
        {
            if ((uint)(days[i] - firstDay) >= span)
            {
                return i;
            }

            Add<TWords>(t0, days[i], scores[i], lut, wordOf);
        }

        return -1;
    }
}
