using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// The blocked batch predictions (row checks lanes at a time, ln(a/(b + x − 1)) from a per-part table, the capped memo
/// that gives up on distinct pairs) against the unblocked computation they replace: the vector P(alive) kernel over the
/// whole input (unchanged) times <see cref="BgNbdModel.Expected"/> per row (unchanged). Bit for bit, on every path.
/// </summary>
public class BgNbdPredictionKernelTests
{
    private static readonly BgNbdModel Model = new(0.243, 4.414, 0.793, 2.426);

    public static TheoryData<int> Paths => new() { (int)VectorPath.Scalar, (int)VectorPath.Vector128, (int)VectorPath.Vector256, (int)VectorPath.Vector512 };

    /// <summary>Customers with whole-number x (a few large, some beyond the table), T on a daily grid or continuous.</summary>
    private static (double[] X, double[] Tx, double[] T) Customers(int n, bool continuousT, int seed, int largeX = 0)
    {
        var random = new Random(seed);
        double[] x = new double[n], tx = new double[n], t = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = continuousT ? 0.5 + (60 * random.NextDouble()) : (189 + random.Next(84)) / 7.0;
            x[i] = random.Next(3) == 0 ? 0 : random.Next(1, 40);
            if (largeX > 0 && random.Next(50) == 0)
            {
                x[i] = random.Next(1, largeX);
            }

            tx[i] = x[i] == 0 ? 0 : t[i] * random.NextDouble();
        }

        return (x, tx, t);
    }

    /// <summary>The previous computation: the vector P(alive) kernel over the whole input, then × E[X(t)] per row.</summary>
    private static double[] Reference(BgNbdModel model, double t, double[] x, double[] tx, double[] age, VectorPath path)
    {
        var expected = new double[x.Length];
        BgNbdPredictionKernel.Alive(model, x, tx, age, expected, path);
        if (double.IsNaN(t))
        {
            return expected;
        }

        for (int i = 0; i < x.Length; i++)
        {
            expected[i] = t == 0 ? 0 : expected[i] * BgNbdModel.Expected(model.R + x[i], model.Alpha + age[i], model.A, model.B + x[i], t);
        }

        return expected;
    }

    private static void AssertBitwise(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what} row {i}: {actual[i]:R} vs {expected[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    [Trait("Category", "Kernel")]
    public void Blocked_batch_equals_the_unblocked_computation_bit_for_bit(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        foreach (bool continuous in new[] { false, true })
        {
            // Lengths around the block and vector widths, and one past the memo's probe (so a continuous-T part gives it up).
            foreach (int n in new[] { 0, 1, 7, 63, 65, 1023, 1024, 1025, 3 * BgNbdPredictionKernel.BlockLength + 5, BgNbdPredictionKernel.MemoProbeLength + 3001 })
            {
                var (x, tx, t) = Customers(n, continuous, seed: n + (continuous ? 1 : 0), largeX: 600);
                foreach (double horizon in new[] { double.NaN, 0, 39, 1e6, double.PositiveInfinity })
                {
                    var model = double.IsPositiveInfinity(horizon) ? new BgNbdModel(0.243, 4.414, 1.793, 2.426) : Model;
                    var actual = new double[n];
                    Array.Fill(actual, -7);
                    BgNbdPredictionKernel.Batch(model, horizon, x, tx, t, actual, path, maxParts: 1);
                    AssertBitwise(Reference(model, horizon, x, tx, t, path), actual, $"{path} continuous {continuous} n {n} t {horizon}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    [Trait("Category", "Kernel")]
    public void Batch_matches_the_per_customer_api_for_large_x_and_z_near_one(int pathNumber)
    {
        // E[X(t)] at (r + x, α + T, a, b + x) within 1e-14 of the per-row formula (it is the same function: exactly),
        // P(alive) within 1e-14·(1 + x) of the scalar formula (the vector logarithm may differ from Math.Log in the last
        // bits, and P(alive) raises the ratio of logarithms to the power r + x; the vector exp flushes below 1e-300 to 0).
        var path = (VectorPath)pathNumber;
        var random = new Random(5);
        int n = 3000;
        double[] x = new double[n], tx = new double[n], t = new double[n], actual = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = 0.01 + (100 * random.NextDouble());
            x[i] = random.Next(4) switch { 0 => 0, 1 => random.Next(1, 10), 2 => random.Next(200, 400), _ => random.Next(1000, 10_000) };
            tx[i] = x[i] == 0 ? 0 : t[i] * random.NextDouble();
        }

        foreach (double horizon in new[] { 5, 39, 1e4, 1e7 })
        {
            BgNbdPredictionKernel.Batch(Model, horizon, x, tx, t, actual, path, maxParts: 1);
            for (int i = 0; i < n; i++)
            {
                double alive = Model.ProbabilityAlive(x[i], tx[i], t[i]);
                double e = BgNbdModel.Expected(Model.R + x[i], Model.Alpha + t[i], Model.A, Model.B + x[i], horizon);
                double scalar = Model.ConditionalExpectedPurchases(horizon, x[i], tx[i], t[i]);
                Assert.Equal(alive * e, scalar, 1e-14 * scalar);
                Assert.True(Math.Abs(actual[i] - scalar) <= (1e-14 * (1 + x[i]) * scalar) + 1e-300, $"{path} t {horizon} row {i}: {actual[i]:R} vs {scalar:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    [Trait("Category", "Kernel")]
    public void Lane_wise_row_checks_throw_what_the_row_check_throws_at_the_first_bad_row(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        (string Parameter, double X, double Tx, double T)[] bad =
        [
            ("frequency", -1, 0, 5), ("frequency", double.NaN, 0, 5), ("frequency", 2.5, 1, 5), ("frequency", 2251799813685247.5, 1, 5),
            ("frequency", double.PositiveInfinity, 1, 5), ("age", 0, 0, double.NaN), ("age", 0, 0, -1), ("age", 0, 0, double.PositiveInfinity),
            ("frequency", 3, 0, 0), ("recency", 2, -0.5, 5), ("recency", 2, 5.5, 5), ("recency", 2, double.NaN, 5),
        ];
        var (x0, tx0, t0) = Customers(2 * BgNbdPredictionKernel.BlockLength + 13, continuousT: true, seed: 2);
        foreach (var (parameter, bx, btx, bt) in bad)
        {
            foreach (int at in new[] { 0, 3, 5, BgNbdPredictionKernel.BlockLength - 1, BgNbdPredictionKernel.BlockLength + 6, x0.Length - 1 })
            {
                double[] x = (double[])x0.Clone(), tx = (double[])tx0.Clone(), t = (double[])t0.Clone();
                (x[at], tx[at], t[at]) = (bx, btx, bt);
                var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdPredictionKernel.Batch(Model, 39, x, tx, t, new double[x.Length], path, maxParts: 1));
                Assert.Equal(parameter, ex.ParamName);
                Assert.Contains($"{parameter}[{at}]", ex.Message, StringComparison.Ordinal);
            }
        }

        // Valid edge rows pass: −0, a whole x of 2⁵³, T = 0 with x = 0, tₓ = T.
        double[] ex1 = [-0.0, 9007199254740992, 0, 4, 1, 2, 3, 0, 5], tx1 = [0, 1, 0, 2, 1, 0, 3, 0, 5], t1 = [1, 2, 0, 2, 1, 1, 3, 0, 5];
        var alive = new double[ex1.Length];
        BgNbdPredictionKernel.Batch(Model, double.NaN, ex1, tx1, t1, alive, path, maxParts: 1);
        Assert.All(alive, a => Assert.InRange(a, 0, 1));
    }

    [Fact]
    public void Memo_stops_storing_when_full_and_keeps_what_it_stored()
    {
        var memo = new BgNbdPairMemo();
        int pairs = BgNbdPairMemo.MaxCapacity;
        for (int i = 0; i < pairs; i++)
        {
            ref double slot = ref memo.GetOrAdd(i % 100, i * 0.25, out bool exists);
            Assert.False(exists);
            slot = i;
        }

        Assert.Equal(BgNbdPairMemo.MaxCapacity, memo.Capacity);
        Assert.Equal(BgNbdPairMemo.MaxCapacity / 2, memo.Count);
        for (int i = 0; i < pairs; i++)
        {
            double value = memo.GetOrAdd(i % 100, i * 0.25, out bool exists);
            Assert.Equal(i < pairs / 2, exists);
            if (exists)
            {
                Assert.Equal(i, value);
            }
        }

        memo.Clear();
        Assert.Equal(0, memo.Count);
        memo.GetOrAdd(1, 2, out bool again);
        Assert.False(again);
    }
}
