using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Open-addressing memo of a value per distinct (x, T) pair for batch predictions: customers of one cohort share T and
/// frequencies are few, so the hypergeometric part is computed once per pair. One array of (x, T, value) entries (a
/// probe touches one cache line), a multiplicative hash, linear probing; an empty slot has x = −1 (a valid x is ≥ 0).
/// Grows by doubling at half load up to <see cref="MaxCapacity"/> slots; once that is half full a missing pair is not
/// stored (the caller computes it and writes to a scratch slot), so a batch of distinct pairs (continuous T) allocates
/// nothing after a thread's first batch.
/// </summary>
internal sealed class BgNbdPairMemo
{
    /// <summary>Most slots (about 1.5 MB), kept by the thread between batches.</summary>
    internal const int MaxCapacity = 1 << 16;

    private const double Empty = -1;

    [ThreadStatic]
    private static BgNbdPairMemo? _threadMemo;

    private Entry[] _entries;
    private int _count;
    private int _shift;
    private double _overflow;

    public BgNbdPairMemo(int capacity = 1024)
    {
        capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(capacity, 16, MaxCapacity));
        _entries = NewEntries(capacity);
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>Distinct pairs stored.</summary>
    public int Count => _count;

    /// <summary>Slots (a power of 2, at most <see cref="MaxCapacity"/>).</summary>
    public int Capacity => _entries.Length;

    /// <summary>
    /// This thread's memo, emptied (allocated on a thread's first batch, then reused, so repeated batches allocate nothing
    /// once it has grown to what the data need). One batch part at a time per thread: a part never calls another part on
    /// its own thread while it holds the memo.
    /// </summary>
    public static BgNbdPairMemo RentForThread()
    {
        BgNbdPairMemo? memo = _threadMemo;
        if (memo is null)
        {
            memo = new BgNbdPairMemo();
            _threadMemo = memo;
        }
        else
        {
            memo.Clear();
        }

        return memo;
    }

    /// <summary>Empties the memo (keeps its slots).</summary>
    public void Clear()
    {
        if (_count > 0)
        {
            foreach (ref Entry e in _entries.AsSpan())
            {
                e.X = Empty;
            }

            _count = 0;
        }
    }

    /// <summary>
    /// Returns a reference to the slot of (x, t); <paramref name="exists"/> tells whether it already held a value. When the
    /// pair is new and the memo is full, the reference is to a scratch slot that is not kept (so the caller's write is lost).
    /// x and t must be ≥ 0 (validated rows).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref double GetOrAdd(double x, double t, out bool exists)
    {
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int i = Index(x, t, _shift);
        ref Entry first = ref MemoryMarshal.GetArrayDataReference(entries);
        while (true)
        {
            ref Entry e = ref Unsafe.Add(ref first, i);
            if (e.X == x && e.T == t)
            {
                exists = true;
                return ref e.Value;
            }

            if (e.X == Empty)
            {
                exists = false;
                return ref Insert(ref e, x, t);
            }

            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(double x, double t, int shift)
    {
        // Whole-number x has only its top bits set: spread it over the word, fold in T, and keep the top bits of a
        // Fibonacci-hash product (each of them depends on every bit of the key).
        ulong key = ((ulong)BitConverter.DoubleToInt64Bits(x) >> 32) ^ ((ulong)BitConverter.DoubleToInt64Bits(t) * 0xC4CEB9FE1A85EC53UL);
        return (int)((key * 0x9E3779B97F4A7C15UL) >> shift);
    }

    private ref double Insert(ref Entry slot, double x, double t)
    {
        if (2 * (_count + 1) > _entries.Length)
        {
            if (_entries.Length >= MaxCapacity)
            {
                return ref _overflow;
            }

            Grow();
            return ref GetOrAdd(x, t, out _);
        }

        slot.X = x;
        slot.T = t;
        _count++;
        return ref slot.Value;
    }

    private void Grow()
    {
        Entry[] old = _entries;
        _entries = NewEntries(old.Length * 2);
        _shift--;
        _count = 0;
        foreach (ref Entry e in old.AsSpan())
        {
            if (e.X != Empty)
            {
                GetOrAdd(e.X, e.T, out _) = e.Value;
            }
        }
    }

    private static Entry[] NewEntries(int capacity)
    {
        var entries = new Entry[capacity];
        foreach (ref Entry e in entries.AsSpan())
        {
            e.X = Empty;
        }

        return entries;
    }

    private struct Entry
    {
        public double X;
        public double T;
        public double Value;
    }
}
