using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal.Vectors;

/// <summary><see cref="IVectorOps{TVector, T}"/> over <see cref="Vector512{T}"/>.</summary>
internal readonly struct Vector512Ops<T> : IVectorOps<Vector512<T>, T>
    where T : unmanaged, INumber<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Create(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint elementOffset) => Vector512.LoadUnsafe(ref source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThan(Vector512<T> left, Vector512<T> right) => Vector512.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LessThan(Vector512<T> left, Vector512<T> right) => Vector512.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Equal(Vector512<T> left, Vector512<T> right) => Vector512.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> left, Vector512<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs(Vector512<T> value) => Vector512.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> GreaterThanOrEqual(Vector512<T> left, Vector512<T> right) => Vector512.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ConditionalSelect(Vector512<T> mask, Vector512<T> whenTrue, Vector512<T> whenFalse) =>
        Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(Vector512<T> vector, int index) => vector.GetElement(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> BitwiseAnd(Vector512<T> left, Vector512<T> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LanesFrom(int firstLane) =>
        Vector512.GreaterThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(firstLane - 1)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> left, Vector512<T> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MaxNative(Vector512<T> left, Vector512<T> right) => Vector512.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MinNative(Vector512<T> left, Vector512<T> right) => Vector512.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThanAny(Vector512<T> left, Vector512<T> right) => Vector512.GreaterThanAny(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountMatches(Vector512<T> mask) => BitOperations.PopCount(Vector512.ExtractMostSignificantBits(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumCounts(Vector512<T> counts)
    {
        if (typeof(T) == typeof(byte))
        {
            // Widen to 16-bit lanes first: a byte lane holds at most 255, so the 16-bit sums cannot overflow.
            Vector512<byte> bytes = counts.AsByte();
            return Vector512.Sum(Vector512.WidenLower(bytes) + Vector512.WidenUpper(bytes));
        }

        return Vector512.Sum(counts.AsUInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> AndNot(Vector512<T> left, Vector512<T> right) => Vector512.AndNot(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> BitwiseOr(Vector512<T> left, Vector512<T> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> vector) => Vector512.Sum(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ExtractMostSignificantBits(Vector512<T> vector) => Vector512.ExtractMostSignificantBits(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> CountInt64(Vector512<T> counts, Vector512<T> mask) => (counts.AsInt64() - mask.AsInt64()).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumInt64(Vector512<T> counts) => Vector512.Sum(counts.AsInt64());
}
