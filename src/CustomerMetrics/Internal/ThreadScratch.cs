using System.Buffers;

namespace CustomerMetrics.Internal;

/// <summary>
/// A scratch array per thread, kept for the life of the thread, for kernels that need a working table too large for
/// the stack and run on both the caller's thread and a pool thread (<see cref="ForkJoin"/>): after the first call of
/// each thread no call allocates, whatever the garbage collector trims from the shared pool. Arrays above
/// <see cref="MaxCachedBytes"/>, and a second rent on a thread whose array is out, come from
/// <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// <para>Return each array with <see cref="Return"/> on the thread that rented it. The contents of a rented array are
/// undefined: clear what you use.</para>
/// </remarks>
internal static class ThreadScratch<T>
    where T : unmanaged
{
    /// <summary>The largest array, in bytes, each thread keeps (2 MB).</summary>
    public const int MaxCachedBytes = 2 << 20;

    [ThreadStatic]
    private static T[]? _cached;

    [ThreadStatic]
    private static bool _inUse;

    /// <summary>An array of at least <paramref name="length"/> elements (contents undefined).</summary>
    /// <param name="length">The number of elements needed, at least 0.</param>
    /// <returns>The thread's cached array, or one from the shared pool.</returns>
    public static unsafe T[] Rent(int length)
    {
        if (!_inUse && (long)length * sizeof(T) <= MaxCachedBytes)
        {
            T[]? cached = _cached;
            if (cached is null || cached.Length < length)
            {
                // Grown to the next power of two (at least 256 elements), so that growing sizes reallocate rarely.
                cached = _cached = new T[Math.Min(MaxCachedBytes / sizeof(T), (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 256)))];
            }

            _inUse = true;
            return cached;
        }

        return ArrayPool<T>.Shared.Rent(length);
    }

    /// <summary>Gives back an array from <see cref="Rent"/> (on the thread that rented it).</summary>
    /// <param name="array">The array.</param>
    public static void Return(T[] array)
    {
        if (ReferenceEquals(array, _cached))
        {
            _inUse = false;
        }
        else
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
