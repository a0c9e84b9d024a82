using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Classifies every customer's MRR change between two periods into new, expansion, contraction, churned,
/// reactivation or unchanged and sums each class (ChartMogul, <i>MRR movements</i>). The spans are aligned by customer:
/// index i of every span is the same customer; an MRR of 0 means "not a paying customer in that period".
/// </summary>
/// <remarks>
/// Classification of customer i with previous MRR p and current MRR c (both ≥ 0):
/// p = 0, c &gt; 0: new, or reactivation when <c>wasCustomerBefore[i]</c> is set;
/// p &gt; 0, c = 0: churned (amount p);
/// p &gt; 0, c &gt; p: expansion (c − p); p &gt; 0, 0 &lt; c &lt; p: contraction (p − c);
/// c = p: unchanged (including p = c = 0, counted as inactive too).
/// <para>The <c>decimal</c> overloads sum exactly (a scalar loop). The <c>double</c> overloads are vectorised
/// (Vector512 → Vector256 → Vector128 → scalar) with blocked pairwise summation (leaves of 4096 customers), so the
/// rounding error grows with log(n), not n; they allocate nothing. From 2^19 customers on they use every core: the
/// top levels of the pairwise tree run their halves in parallel (up to 16 ways), and since the tree is the same the
/// result is bit-identical to a one-core run.</para>
/// <para>Empty spans give the empty result (all zero; its ratios are NaN).</para>
/// <para><threadsafety static="true" instance="true"/> All members are pure.</para>
/// </remarks>
public static class MrrMovements
{
    internal const int LeafLength = 4096;

    /// <summary>
    /// Nodes of the double path's pairwise tree this long or longer (2^19 customers, two 4 MiB buffers: about a
    /// millisecond of one core) run their two halves on two cores.
    /// </summary>
    internal const int ForkLength = 1 << 19;

    /// <summary>The MRR movements between two periods, in exact <c>decimal</c>; no customer was a customer before.</summary>
    /// <param name="previous">MRR of each customer in the previous period, currency units, ≥ 0.</param>
    /// <param name="current">MRR of each customer in the current period, aligned with <paramref name="previous"/>, ≥ 0.</param>
    /// <returns>The movements; every zero-to-positive customer counts as new.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative (names the span and index).</exception>
    /// <exception cref="OverflowException">A sum exceeds <see cref="decimal.MaxValue"/>.</exception>
    public static MrrMovements<decimal> Between(ReadOnlySpan<decimal> previous, ReadOnlySpan<decimal> current) =>
        Between(previous, current, []);

    /// <summary>The MRR movements between two periods, in exact <c>decimal</c>, with reactivations.</summary>
    /// <param name="previous">MRR of each customer in the previous period, currency units, ≥ 0.</param>
    /// <param name="current">MRR of each customer in the current period, aligned with <paramref name="previous"/>, ≥ 0.</param>
    /// <param name="wasCustomerBefore">
    /// Empty, or aligned with the others: <see langword="true"/> for a customer who paid at some time before the
    /// previous period, so that a return from zero counts as reactivation rather than new. Ignored where previous MRR &gt; 0.
    /// </param>
    /// <returns>The movements.</returns>
    /// <exception cref="ArgumentException">The spans differ in length (an empty <paramref name="wasCustomerBefore"/> is allowed).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative (names the span and index).</exception>
    /// <exception cref="OverflowException">A sum exceeds <see cref="decimal.MaxValue"/>.</exception>
    public static MrrMovements<decimal> Between(ReadOnlySpan<decimal> previous, ReadOnlySpan<decimal> current, ReadOnlySpan<bool> wasCustomerBefore)
    {
        CheckLengths(previous.Length, current.Length, wasCustomerBefore.Length);
        decimal start = 0, end = 0, fresh = 0, up = 0, down = 0, churned = 0, reactivated = 0;
        long freshCount = 0, upCount = 0, downCount = 0, churnedCount = 0, reactivatedCount = 0, unchanged = 0, inactive = 0;
        for (int i = 0; i < previous.Length; i++)
        {
            decimal p = previous[i], c = current[i];
            if (p < 0)
            {
                ThrowHelper.ValueOutOfRange(nameof(previous), i, (double)p, "amounts ≥ 0");
            }

            if (c < 0)
            {
                ThrowHelper.ValueOutOfRange(nameof(current), i, (double)c, "amounts ≥ 0");
            }

            start += p;
            end += c;
            if (p == c)
            {
                unchanged++;
                if (p == 0)
                {
                    inactive++;
                }
            }
            else if (p == 0)
            {
                if (!wasCustomerBefore.IsEmpty && wasCustomerBefore[i])
                {
                    reactivatedCount++;
                    reactivated += c;
                }
                else
                {
                    freshCount++;
                    fresh += c;
                }
            }
            else if (c == 0)
            {
                churnedCount++;
                churned += p;
            }
            else if (c > p)
            {
                upCount++;
                up += c - p;
            }
            else
            {
                downCount++;
                down += p - c;
            }
        }

        return new MrrMovements<decimal>(start, end, fresh, up, down, churned, reactivated,
            freshCount, upCount, downCount, churnedCount, reactivatedCount, unchanged, inactive);
    }

    /// <summary>
    /// The MRR movements between two periods in <c>double</c>: vectorised, pairwise-summed, allocation-free; no
    /// customer was a customer before.
    /// </summary>
    /// <param name="previous">MRR of each customer in the previous period, currency units, finite and ≥ 0.</param>
    /// <param name="current">MRR of each customer in the current period, aligned with <paramref name="previous"/>, finite and ≥ 0.</param>
    /// <returns>The movements; every zero-to-positive customer counts as new.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative, NaN or infinite (names the span and index).</exception>
    /// <exception cref="OverflowException">A sum of the finite amounts exceeds the double range (it is never returned as ∞ or as a plausible ratio).</exception>
    public static MrrMovements<double> Between(ReadOnlySpan<double> previous, ReadOnlySpan<double> current) =>
        Between(previous, current, [], VectorPaths.Best);

    /// <summary>
    /// The MRR movements between two periods in <c>double</c>, with reactivations: vectorised, pairwise-summed,
    /// allocation-free.
    /// </summary>
    /// <param name="previous">MRR of each customer in the previous period, currency units, finite and ≥ 0.</param>
    /// <param name="current">MRR of each customer in the current period, aligned with <paramref name="previous"/>, finite and ≥ 0.</param>
    /// <param name="wasCustomerBefore">
    /// Empty, or aligned with the others: <see langword="true"/> for a customer who paid at some time before the
    /// previous period, so that a return from zero counts as reactivation rather than new. Ignored where previous MRR &gt; 0.
    /// </param>
    /// <returns>The movements.</returns>
    /// <exception cref="ArgumentException">The spans differ in length (an empty <paramref name="wasCustomerBefore"/> is allowed).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative, NaN or infinite (names the span and index).</exception>
    /// <exception cref="OverflowException">A sum of the finite amounts exceeds the double range (it is never returned as ∞ or as a plausible ratio).</exception>
    public static MrrMovements<double> Between(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, ReadOnlySpan<bool> wasCustomerBefore) =>
        Between(previous, current, wasCustomerBefore, VectorPaths.Best);

    /// <summary>The double path with a forced instruction-set path (tests and benchmarks).</summary>
    internal static MrrMovements<double> Between(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, ReadOnlySpan<bool> wasCustomerBefore, VectorPath path) =>
        Between(previous, current, wasCustomerBefore, path, ForkLength);

    /// <summary>
    /// The double path with a forced instruction-set path and fork length (tests): nodes of the pairwise tree at least
    /// <paramref name="forkLength"/> long, in its top <see cref="ForkJoin.MaxDepth"/> levels, run their halves in parallel.
    /// </summary>
    internal static unsafe MrrMovements<double> Between(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, ReadOnlySpan<bool> wasCustomerBefore, VectorPath path, int forkLength)
    {
        CheckLengths(previous.Length, current.Length, wasCustomerBefore.Length);
        fixed (double* p = previous)
        fixed (double* c = current)
        fixed (bool* w = wasCustomerBefore)
        {
            var node = new Node(p, c, wasCustomerBefore.IsEmpty ? null : w, 0, previous.Length, VectorPaths.Resolve(path), forkLength, ForkJoin.MaxDepth);
            Pairwise(&node);
            return node.Result;
        }
    }

    /// <summary>
    /// One node of the pairwise tree: customers [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Length"/>) of
    /// the pinned spans, and its result. Leaves are <see cref="LeafLength"/> long; a node splits at a multiple of it.
    /// </summary>
    private unsafe struct Node(double* previous, double* current, bool* wasCustomer, int offset, int length, VectorPath path, int forkLength, int forkDepth)
    {
        public readonly double* Previous = previous, Current = current;
        public readonly bool* WasCustomer = wasCustomer;
        public readonly int Offset = offset, Length = length, ForkLength = forkLength, ForkDepth = forkDepth;
        public readonly VectorPath Path = path;
        public MrrMovements<double> Result;

        public readonly Node Part(int offset, int length) =>
            new(Previous, Current, WasCustomer, offset, length, Path, ForkLength, ForkDepth - 1);
    }

    private static unsafe void Pairwise(void* state)
    {
        var node = (Node*)state;
        if (node->Length <= LeafLength)
        {
            node->Result = Leaf(node);
            return;
        }

        int half = ((node->Length / 2) + LeafLength - 1) / LeafLength * LeafLength;
        Node left = node->Part(node->Offset, half), right = node->Part(node->Offset + half, node->Length - half);
        if (node->ForkDepth > 0 && node->Length >= node->ForkLength)
        {
            ForkJoin.Invoke(&Pairwise, &left, &right);
        }
        else
        {
            Pairwise(&left);
            Pairwise(&right);
        }

        node->Result = left.Result + right.Result;
    }

    private static unsafe MrrMovements<double> Leaf(Node* node)
    {
        int offset = node->Offset, length = node->Length;
        var sums = new MrrLeafSums { Rows = length };
        ref double p = ref node->Previous[offset];
        ref double c = ref node->Current[offset];
        bool hasWas = node->WasCustomer is not null;
        ref bool w = ref hasWas ? ref node->WasCustomer[offset] : ref Unsafe.NullRef<bool>();
        int done = MrrKernel.Leaf(node->Path, ref p, ref c, ref w, hasWas, length, ref sums);

        // −1: the vector pass saw a bad value; the scalar pass from the start finds it and throws with its index.
        for (int i = Math.Max(done, 0); i < length; i++)
        {
            sums.Add(Unsafe.Add(ref p, i), Unsafe.Add(ref c, i), hasWas && Unsafe.Add(ref w, i), offset + i);
        }

        return sums.ToMovements();
    }

    private static void CheckLengths(int previous, int current, int wasCustomerBefore)
    {
        Guard.SameLength(previous, current);
        if (wasCustomerBefore != 0)
        {
            Guard.SameLength(wasCustomerBefore, previous);
        }
    }
}
