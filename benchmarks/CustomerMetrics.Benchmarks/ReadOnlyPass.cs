using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// The physical limit of a scan: a pass that only reads a buffer (four independent OR accumulators of the widest
/// accelerated vector, so the loop is bound by memory, not by a dependency chain).
/// </summary>
public static class ReadOnlyPass
{
    public static ulong Read<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        int i = 0;
        ulong tail = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ulong> a = default, b = default, c = default, d = default;
            for (; i <= bytes.Length - 256; i += 256)
            {
                a |= Vector512.LoadUnsafe(ref start, (nuint)i).AsUInt64();
                b |= Vector512.LoadUnsafe(ref start, (nuint)(i + 64)).AsUInt64();
                c |= Vector512.LoadUnsafe(ref start, (nuint)(i + 128)).AsUInt64();
                d |= Vector512.LoadUnsafe(ref start, (nuint)(i + 192)).AsUInt64();
            }

            tail = Vector512.Sum(a | b | c | d);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ulong> a = default, b = default, c = default, d = default;
            for (; i <= bytes.Length - 128; i += 128)
            {
                a |= Vector256.LoadUnsafe(ref start, (nuint)i).AsUInt64();
                b |= Vector256.LoadUnsafe(ref start, (nuint)(i + 32)).AsUInt64();
                c |= Vector256.LoadUnsafe(ref start, (nuint)(i + 64)).AsUInt64();
                d |= Vector256.LoadUnsafe(ref start, (nuint)(i + 96)).AsUInt64();
            }

            tail = Vector256.Sum(a | b | c | d);
        }

        for (; i < bytes.Length; i++)
        {
            tail |= bytes[i];
        }

        return tail;
    }
}
