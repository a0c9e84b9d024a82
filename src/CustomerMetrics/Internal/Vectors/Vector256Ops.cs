using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal.Vectors;

/// <summary><see cref="IVectorOps{TVector, T}"/> over <see cref="Vector256{T}"/>.</summary>
internal readonly struct Vector256Ops<T> : IVectorOps<Vector256<T>, T>
    where T : unmanaged, INumber<T>
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Create(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nuint elementOffset) => Vector256.LoadUnsafe(ref source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThan(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LessThan(Vector256<T> left, Vector256<T> right) => Vector256.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Equal(Vector256<T> left, Vector256<T> right) => Vector256.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> left, Vector256<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Abs(Vector256<T> value) => Vector256.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> GreaterThanOrEqual(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ConditionalSelect(Vector256<T> mask, Vector256<T> whenTrue, Vector256<T> whenFalse) =>
        Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(Vector256<T> vector, int index) => vector.GetElement(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> BitwiseAnd(Vector256<T> left, Vector256<T> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LanesFrom(int firstLane) =>
        Vector256.GreaterThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(firstLane - 1)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Max(Vector256<T> left, Vector256<T> right) => Vector256.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MaxNative(Vector256<T> left, Vector256<T> right) => Vector256.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MinNative(Vector256<T> left, Vector256<T> right) => Vector256.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThanAny(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThanAny(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountMatches(Vector256<T> mask) => BitOperations.PopCount(Vector256.ExtractMostSignificantBits(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumCounts(Vector256<T> counts)
    {
        if (typeof(T) == typeof(byte))
        {
            // Widen to 16-bit lanes first: a byte lane holds at most 255, so the 16-bit sums cannot overflow.
            Vector256<byte> bytes = counts.AsByte();
            return Vector256.Sum(Vector256.WidenLower(bytes) + Vector256.WidenUpper(bytes));
        }

        return Vector256.Sum(counts.AsUInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AndNot(Vector256<T> left, Vector256<T> right) => Vector256.AndNot(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> BitwiseOr(Vector256<T> left, Vector256<T> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> vector) => Vector256.Sum(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ExtractMostSignificantBits(Vector256<T> vector) => Vector256.ExtractMostSignificantBits(vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> CountInt64(Vector256<T> counts, Vector256<T> mask) => (counts.AsInt64() - mask.AsInt64()).As<long, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumInt64(Vector256<T> counts) => Vector256.Sum(counts.AsInt64());
}
