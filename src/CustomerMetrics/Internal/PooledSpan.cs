using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CustomerMetrics.Internal;

/// <summary>
/// A read-only view of a sequence that a caller holds as an <see cref="IEnumerable{T}"/>: arrays and
/// <see cref="List{T}"/> are viewed in place (no copy, no allocation); any other collection or sequence is copied to an
/// array rented from <see cref="ArrayPool{T}.Shared"/>, returned by <see cref="Dispose"/>.
/// </summary>
internal ref struct PooledSpan<T>
{
    private T[]? _rented;

    /// <summary>The elements.</summary>
    public ReadOnlySpan<T> Span { get; private set; }

    /// <summary>Views or copies <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static PooledSpan<T> From(IEnumerable<T> source, string paramName)
    {
        ArgumentNullException.ThrowIfNull(source, paramName);
        switch (source)
        {
            case T[] array:
                return new PooledSpan<T> { Span = array };
            case List<T> list:
                return new PooledSpan<T> { Span = CollectionsMarshal.AsSpan(list) };
            case ICollection<T> collection:
                {
                    int count = collection.Count;
                    T[] rented = ArrayPool<T>.Shared.Rent(count);
                    collection.CopyTo(rented, 0);
                    return new PooledSpan<T> { _rented = rented, Span = rented.AsSpan(0, count) };
                }

            default:
                {
                    T[] buffer = ArrayPool<T>.Shared.Rent(source.TryGetNonEnumeratedCount(out int known) ? known : 256);
                    int n = 0;
                    foreach (T item in source)
                    {
                        if (n == buffer.Length)
                        {
                            T[] larger = ArrayPool<T>.Shared.Rent(checked(buffer.Length * 2));
                            buffer.AsSpan(0, n).CopyTo(larger);
                            Return(buffer);
                            buffer = larger;
                        }

                        buffer[n++] = item;
                    }

                    return new PooledSpan<T> { _rented = buffer, Span = buffer.AsSpan(0, n) };
                }
        }
    }

    /// <summary>Returns the rented array, if any.</summary>
    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            Span = default;
            Return(rented);
        }
    }

    private static void Return(T[] array) => ArrayPool<T>.Shared.Return(array, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
