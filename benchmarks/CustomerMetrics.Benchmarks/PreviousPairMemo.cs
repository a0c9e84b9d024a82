using System.Numerics;
using System.Runtime.CompilerServices;

namespace CustomerMetrics.Benchmarks;

/// <summary>The memo of main b192789, unchanged but for its name.</summary>
internal sealed class PreviousPairMemo
{
    private double[] _x;
    private double[] _t;
    private double[] _value;
    private bool[] _used;
    private int _count;

    public PreviousPairMemo(int capacity = 1024)
    {
        capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16));
        _x = new double[capacity];
        _t = new double[capacity];
        _value = new double[capacity];
        _used = new bool[capacity];
    }

    /// <summary>Largest capacity a thread keeps between batches (about 1.6 MB); a larger memo is dropped after use.</summary>
    private const int RetainedCapacity = 1 << 16;

    [ThreadStatic]
    private static PreviousPairMemo? _threadMemo;

    /// <summary>
    /// This thread's memo, emptied (allocated on a thread's first batch, then reused, so repeated batches allocate nothing).
    /// One batch part at a time per thread: a part never calls another part on its own thread while it holds the memo.
    /// </summary>
    public static PreviousPairMemo RentForThread()
    {
        PreviousPairMemo? memo = _threadMemo;
        if (memo is null || memo._used.Length > RetainedCapacity)
        {
            memo = new PreviousPairMemo();
            _threadMemo = memo;
        }
        else
        {
            Array.Clear(memo._used);
            memo._count = 0;
        }

        return memo;
    }

    /// <summary>Returns a reference to the slot of (x, t); <paramref name="exists"/> tells whether it already held a value.</summary>
    public ref double GetOrAdd(double x, double t, out bool exists)
    {
        if (2 * (_count + 1) > _used.Length)
        {
            Grow();
        }

        int mask = _used.Length - 1;
        int i = Hash(x, t) & mask;
        while (_used[i])
        {
            if (_x[i] == x && _t[i] == t)
            {
                exists = true;
                return ref _value[i];
            }

            i = (i + 1) & mask;
        }

        _used[i] = true;
        _x[i] = x;
        _t[i] = t;
        _count++;
        exists = false;
        return ref _value[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(double x, double t)
    {
        // Whole-number x has only its top bits set: mix both keys through a 64-bit finaliser (MurmurHash3 fmix64).
        ulong h = ((ulong)BitConverter.DoubleToInt64Bits(x) * 0x9E3779B97F4A7C15UL) ^ (ulong)BitConverter.DoubleToInt64Bits(t);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)h;
    }

    private void Grow()
    {
        double[] x = _x, t = _t, value = _value;
        bool[] used = _used;
        int capacity = used.Length * 2;
        _x = new double[capacity];
        _t = new double[capacity];
        _value = new double[capacity];
        _used = new bool[capacity];
        _count = 0;
        for (int i = 0; i < used.Length; i++)
        {
            if (used[i])
            {
                GetOrAdd(x[i], t[i], out _) = value[i];
            }
        }
    }
}
