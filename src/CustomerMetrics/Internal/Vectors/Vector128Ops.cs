using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal.Vectors;

/// <summary><see cref="IVectorOps{TVector, T}"/> over <see cref="Vector128{T}"/>.</summary>
internal readonly struct Vector128Ops<T> : IVectorOps<Vector128<T>, T>
    where T : unmanaged, INumber<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Create(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nuint elementOffset) => Vector128.LoadUnsafe(ref source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThan(Vector128<T> left, Vector128<T> right) => Vector128.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LessThan(Vector128<T> left, Vector128<T> right) => Vector128.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Equal(Vector128<T> left, Vector128<T> right) => Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> left, Vector128<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Abs(Vector128<T> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> GreaterThanOrEqual(Vector128<T> left, Vector128<T> right) => Vector128.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ConditionalSelect(Vector128<T> mask, Vector128<T> whenTrue, Vector128<T> whenFalse) =>
        Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(Vector128<T> vector, int index) => vector.GetElement(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> BitwiseAnd(Vector128<T> left, Vector128<T> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LanesFrom(int firstLane) =>
        Vector128.GreaterThan(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(firstLane - 1)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Max(Vector128<T> left, Vector128<T> right) => Vector128.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MaxNative(Vector128<T> left, Vector128<T> right) => Vector128.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MinNative(Vector128<T> left, Vector128<T> right) => Vector128.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThanAny(Vector128<T> left, Vector128<T> right) => Vector128.GreaterThanAny(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountMatches(Vector128<T> mask) => BitOperations.PopCount(Vector128.ExtractMostSignificantBits(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumCounts(Vector128<T> counts)
    {
        if (typeof(T) == typeof(byte))
        {
            // Widen to 16-bit lanes first: a byte lane holds at most 255, so the 16-bit sums cannot overflow.
            Vector128<byte> bytes = counts.AsByte();
            return Vector128.Sum(Vector128.WidenLower(bytes) + Vector128.WidenUpper(bytes));
        }

        return Vector128.Sum(counts.AsUInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> AndNot(Vector128<T> left, Vector128<T> right) => Vector128.AndNot(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> BitwiseOr(Vector128<T> left, Vector128<T> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> vector) => Vector128.Sum(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ExtractMostSignificantBits(Vector128<T> vector) => Vector128.ExtractMostSignificantBits(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> CountInt64(Vector128<T> counts, Vector128<T> mask) => (counts.AsInt64() - mask.AsInt64()).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumInt64(Vector128<T> counts) => Vector128.Sum(counts.AsInt64());
}
