using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace CustomerMetrics.Tests.Value.Models;

public class ParetoNbdTests
{
    internal static readonly Lazy<ParetoNbdModel> Cdnow = new(() =>
        ParetoNbd.Fit(CdnowSummary.Data.Frequency, CdnowSummary.Data.Recency, CdnowSummary.Data.Age));

    [Fact]
    public void Cdnow_fit_reproduces_the_published_values()
    {
        // Fader, Hardie & Lee (2005), "A note on deriving the Pareto/NBD model and related expressions": r = 0.553,
        // α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
        ParetoNbdModel model = Cdnow.Value;
        Assert.True(model.FitInfo.Converged, model.ToString());
        Assert.Equal(0.553, model.R, 0.001);
        Assert.Equal(10.578, model.Alpha, 0.001);
        Assert.Equal(0.606, model.S, 0.001);
        // β is the flattest direction (standard error ≈ 6.2): the maximum is at β = 11.6679, 0.0011 from the published 11.669
        // (the BTYD package reports 11.6562), and our log-likelihood is higher than at either published point.
        Assert.Equal(11.669, model.Beta, 0.002);
        Assert.Equal(-9595.0, model.LogLikelihood, 0.05);
        var d = CdnowSummary.Data;
        double atPublished = ParetoNbd.LogLikelihood(0.553, 10.578, 0.606, 11.669, d.Frequency, d.Recency, d.Age);
        double atBtyd = ParetoNbd.LogLikelihood(0.5534, 10.5802, 0.6061, 11.6562, d.Frequency, d.Recency, d.Age);
        Assert.True(model.LogLikelihood >= Math.Max(atPublished, atBtyd), $"{model.LogLikelihood:R} vs {atPublished:R}, {atBtyd:R}");
        Assert.Equal(2357, model.Customers);
        Assert.Equal((2 * 4) + (2 * 9595.0), model.Aic, 0.1);
        Assert.Equal((4 * Math.Log(2357)) + (2 * 9595.0), model.Bic, 0.1);
        foreach (double se in new[] { model.RStandardError, model.AlphaStandardError, model.SStandardError, model.BetaStandardError })
        {
            Assert.True(se > 0 && double.IsFinite(se), model.ToString());
        }

        Assert.InRange(model.RStandardError / model.R, 0.01, 0.3);
        Assert.Contains("Pareto/NBD r = 0.55", model.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_from_an_RfmSummary_carries_its_unit()
    {
        var d = CdnowSummary.Data;
        int[] ids = Enumerable.Range(1, d.Frequency.Length).ToArray();
        var summary = RfmSummary.FromColumns(ids, d.Frequency, d.Recency, d.Age, d.Frequency.Select((x, i) => x == 0 ? 0 : d.MeanSpend[i]).ToArray(), PeriodUnit.Week);
        ParetoNbdModel model = ParetoNbd.Fit(summary);
        Assert.Equal(PeriodUnit.Week, model.Unit);
        Assert.Equal(Cdnow.Value.R, model.R, 1e-9);
        Assert.Null(Cdnow.Value.Unit);
    }

    public static TheoryData<double, double, double, double> ParameterSets => new()
    {
        { 0.553, 10.578, 0.606, 11.669 }, // α < β (CDNOW)
        { 0.553, 11.669, 0.606, 10.578 }, // α > β
        { 0.8, 7.5, 1.3, 7.5 },           // α = β
        { 2.0, 100.0, 0.3, 1.0 },         // α ≫ β: z up to 0.99, connection formulas
        { 0.3, 1.0, 2.5, 100.0 },         // α ≪ β
        { 0.553, 78.16, 0.606, 11.669 },  // CDNOW with α × e²: a ridge probe, z ≈ 0.87 (300+ tabulated terms)
    };

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Forked_block_tree_gives_the_same_bits_as_one_thread(double r, double alpha, double s, double beta)
    {
        // CDNOW (1,016 distinct rows: 4 blocks) and simulated data with continuous recency (~15,000 rows): every node forced to fork
        // (ForkBlocks = 1), the default threshold, and one thread give the same value and gradient, bit for bit.
        var d = CdnowSummary.Data;
        var (sx, stx, st) = Simulate(0.553, 10.578, 0.606, 11.669, 40_000, 5);
        double[] log = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        foreach (var (x, tx, t) in new[] { (d.Frequency, d.Recency, d.Age), (sx, stx, st) })
        {
            var serialGradient = new double[4];
            double serial = new ParetoNbdData(x, tx, t, default, "test") { Parallel = false }.LogLikelihood(log, serialGradient);
            foreach (int forkBlocks in new[] { 1, 2, int.MaxValue })
            {
                var data = new ParetoNbdData(x, tx, t, default, "test") { ForkBlocks = forkBlocks };
                for (int repeat = 0; repeat < 3; repeat++) // the reused scratch gives the same bits every time
                {
                    var gradient = new double[4];
                    Assert.Equal(BitConverter.DoubleToInt64Bits(serial), BitConverter.DoubleToInt64Bits(data.LogLikelihood(log, gradient)));
                    Assert.Equal(serialGradient, gradient);
                }
            }
        }
    }

    [Fact]
    public void Large_fit_from_a_subsample_start_reaches_the_maximum_of_the_usual_start()
    {
        // 50,000 simulated customers with continuous recency (≥ 16,384 distinct rows: the subsample start is taken). The fit
        // from the usual start (r = s = 1, no subsample) through the same optimiser is the reference: the log-likelihoods
        // agree to 1e-8 relative and the parameters to their optimisation tolerance.
        var (x, tx, t) = Simulate(0.553, 10.578, 0.606, 11.669, 50_000, 11);
        var data = new ParetoNbdData(x, tx, t, default, "test");
        Assert.True(data.DistinctRows >= ParetoNbd.SubsampleThreshold, data.DistinctRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ParetoNbdModel fit = ParetoNbd.Fit(x, tx, t);
        Assert.True(fit.FitInfo.Converged, fit.ToString());
        var reference = ModelOptimizer.Minimize(data.Objective, ParetoNbd.Start(data), "test");
        Assert.True(reference.Info.Converged);
        double referenceLl = data.LogLikelihood(reference.LogParameters, new double[4]);
        Assert.Equal(referenceLl, fit.LogLikelihood, 1e-8 * Math.Abs(referenceLl));
        Assert.Equal(Math.Exp(reference.LogParameters[0]), fit.R, 1e-4 * fit.R);
        Assert.Equal(Math.Exp(reference.LogParameters[3]), fit.Beta, 1e-3 * fit.Beta);
        Assert.True(fit.FitInfo.Evaluations < reference.Info.Evaluations, $"{fit.FitInfo} vs {reference.Info}");

        // The warm search (first curvature from the subsample's Hessian) needs far fewer iterations than BFGS from an
        // identity (about 6 against about 21 from the same start).
        Assert.True(fit.FitInfo.Iterations * 2 < reference.Info.Iterations, $"{fit.FitInfo} vs {reference.Info}");

        // CDNOW (below the threshold) still reproduces the previous fit: the usual start on one thread, LL to 1e-8 relative.
        var d = CdnowSummary.Data;
        var serial = new ParetoNbdData(d.Frequency, d.Recency, d.Age, default, "test") { Parallel = false };
        var previous = ModelOptimizer.Minimize(serial.Objective, ParetoNbd.Start(serial), "test");
        double previousLl = serial.LogLikelihood(previous.LogParameters, new double[4]);
        Assert.Equal(previousLl, Cdnow.Value.LogLikelihood, 1e-8 * Math.Abs(previousLl));
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Customer_log_likelihood_matches_numerical_integration_up_to_10000_purchases(double r, double alpha, double s, double beta)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        foreach (double x in new double[] { 0, 1, 2, 5, 50, 300, 1000, 10_000 })
        {
            foreach ((double tx, double t) in new[] { (0.0, 38.86), (0.5, 38.86), (20.0, 38.86), (38.0, 38.86), (38.86, 38.86), (1.0, 1.5), (300.0, 520.0) })
            {
                if (x == 0 && tx != 0)
                {
                    continue;
                }

                double expected = OracleLogLikelihood(r, alpha, s, beta, x, tx, t);
                double actual = model.CustomerLogLikelihood(x, tx, t);
                Assert.True(double.IsFinite(actual), $"x = {x}, tx = {tx}, T = {t}: {actual}");
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                    $"r={r} α={alpha} s={s} β={beta} x={x} tx={tx} T={t}: {actual:R} vs oracle {expected:R}");

                // P(alive) = A(T)/(A(T) + s I) from the same integral.
                double alive = model.ProbabilityAlive(x, tx, t);
                double oracleAlive = Math.Exp(OracleLogAliveTerm(r, alpha, s, x, t, beta) - (expected - LogC(r, alpha, s, beta, x)));
                Assert.True(Math.Abs(alive - oracleAlive) <= 1e-9, $"P(alive) x={x} tx={tx} T={t}: {alive} vs {oracleAlive}");
            }
        }
    }

    [Fact]
    public void Analytic_gradient_matches_central_differences_on_both_sides_of_alpha_equal_beta()
    {
        var d = CdnowSummary.Data;
        foreach (double[] theta in new[] { new[] { 0.553, 10.578, 0.606, 11.669 }, new[] { 0.553, 11.669, 0.606, 10.578 }, new[] { 1.2, 30.0, 0.4, 2.0 } })
        {
            var data = new ParetoNbdData(d.Frequency, d.Recency, d.Age, default, "test");
            double[] log = theta.Select(v => Math.Log(v)).ToArray();
            var gradient = new double[4];
            data.LogLikelihood(log, gradient);
            for (int j = 0; j < 4; j++)
            {
                double h = 1e-6;
                double[] plus = (double[])log.Clone(), minus = (double[])log.Clone();
                plus[j] += h;
                minus[j] -= h;
                double numeric = (data.LogLikelihood(plus, new double[4]) - data.LogLikelihood(minus, new double[4])) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[j]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"θ = {string.Join(", ", theta)}, j = {j}: {gradient[j]} vs {numeric}");
            }
        }
    }

    [Fact]
    public void Parallel_compressed_likelihood_equals_a_plain_sum_of_customers()
    {
        var d = CdnowSummary.Data;
        var model = new ParetoNbdModel(0.553, 10.578, 0.606, 11.669);
        double plain = 0;
        for (int i = 0; i < d.Frequency.Length; i++)
        {
            plain += model.CustomerLogLikelihood(d.Frequency[i], d.Recency[i], d.Age[i]);
        }

        // Four copies of CDNOW with weights 0.5 each = twice the CDNOW log-likelihood, through compression and blocks.
        double[] x4 = [.. d.Frequency, .. d.Frequency, .. d.Frequency, .. d.Frequency];
        double[] tx4 = [.. d.Recency, .. d.Recency, .. d.Recency, .. d.Recency];
        double[] t4 = [.. d.Age, .. d.Age, .. d.Age, .. d.Age];
        var data = new ParetoNbdData(x4, tx4, t4, Enumerable.Repeat(0.5, x4.Length).ToArray(), "test");
        Assert.True(data.DistinctRows < d.Frequency.Length);
        double total = data.LogLikelihood([Math.Log(0.553), Math.Log(10.578), Math.Log(0.606), Math.Log(11.669)], new double[4]);
        Assert.Equal(2 * plain, total, 1e-7);
        Assert.Equal(-9595.0, plain, 0.1);
    }

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Tabulated_series_likelihood_equals_the_per_row_series_on_cdnow_and_a_stress_set(double r, double alpha, double s, double beta)
    {
        // The fit's path (series coefficients tabulated per distinct x, Horner per row, blocks on every core) against the
        // reference path (the per-row series of every customer, summed in order), value and gradient to 1e-10 relative.
        var d = CdnowSummary.Data;
        var random = new Random(11);
        var x = new List<double>(d.Frequency);
        var tx = new List<double>(d.Recency);
        var t = new List<double>(d.Age);
        foreach (double count in new double[] { 1, 3, 30, 300, 1000, 3000, 10_000 })
        {
            for (int k = 0; k < 40; k++)
            {
                double age = 0.5 + (600 * random.NextDouble());
                double last = k % 7 == 0 ? age : k % 5 == 0 ? 0.01 * age : age * random.NextDouble();
                x.Add(count);
                tx.Add(last);
                t.Add(age);
            }
        }

        double[] log = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        foreach (int n in new[] { d.Frequency.Length, x.Count })
        {
            double[] xs = x.Take(n).ToArray(), txs = tx.Take(n).ToArray(), ts = t.Take(n).ToArray();
            var gradient = new double[4];
            double fast = new ParetoNbdData(xs, txs, ts, default, "test").LogLikelihood(log, gradient);
            var reference = new double[4];
            double plain = 0;
            for (int i = 0; i < n; i++)
            {
                var atAge = ParetoNbdLikelihood.Factor(r, alpha, s, beta, xs[i], ts[i]);
                plain += SpecialFunctions.GammaLn(r + xs[i]) - SpecialFunctions.GammaLn(r) + (r * log[1]) + (s * log[3])
                    + ParetoNbdLikelihood.Row(r, alpha, s, beta, xs[i], txs[i], ts[i], atAge, 1, reference);
                reference[0] += SpecialFunctions.DiGamma(r + xs[i]) - SpecialFunctions.DiGamma(r) + log[1];
                reference[1] += r / alpha;
                reference[2] += log[3];
                reference[3] += s / beta;
            }

            Assert.True(double.IsFinite(fast), $"n = {n}: {fast}");
            Assert.True(Math.Abs(fast - plain) <= 1e-10 * Math.Abs(plain), $"n = {n}: {fast:R} vs {plain:R}");
            double[] scale = [r, alpha, s, beta];
            double norm = Math.Sqrt(reference.Select((g, j) => g * scale[j] * g * scale[j]).Sum());
            for (int j = 0; j < 4; j++)
            {
                Assert.True(Math.Abs(gradient[j] - (reference[j] * scale[j])) <= 1e-10 * Math.Max(norm, 1),
                    $"n = {n}, j = {j}: {gradient[j]:R} vs {reference[j] * scale[j]:R}");
            }
        }
    }

    [Fact]
    public void Fit_recovers_parameters_from_simulated_data()
    {
        var (x, tx, t) = Simulate(0.8, 8, 0.9, 12, 20_000, 7);
        ParetoNbdModel fit = ParetoNbd.Fit(x, tx, t);
        Assert.True(fit.FitInfo.Converged, fit.ToString());
        Assert.InRange(fit.R, 0.8 - (4 * fit.RStandardError), 0.8 + (4 * fit.RStandardError));
        Assert.InRange(fit.Alpha, 8 - (4 * fit.AlphaStandardError), 8 + (4 * fit.AlphaStandardError));
        Assert.InRange(fit.S, 0.9 - (4 * fit.SStandardError), 0.9 + (4 * fit.SStandardError));
        Assert.InRange(fit.Beta, 12 - (4 * fit.BetaStandardError), 12 + (4 * fit.BetaStandardError));
    }

    [Fact]
    public void Predictions_match_independent_computations()
    {
        ParetoNbdModel m = new(0.553, 10.578, 0.606, 11.669);

        // E[X(t)] = ∫₀ᵗ E[λ] P(alive at τ) dτ = r/α ∫₀ᵗ (β/(β+τ))ˢ dτ.
        foreach (double t in new[] { 0.5, 10, 39, 78, 500 })
        {
            double oracle = m.R / m.Alpha * Integrate.OnClosedInterval(tau => Math.Pow(m.Beta / (m.Beta + tau), m.S), 0, t, 1e-12);
            Assert.Equal(oracle, m.ExpectedPurchases(t), 1e-9 * Math.Max(1, oracle));

            // Σ P(X(t) = n) = 1 and Σ n P(X(t) = n) = E[X(t)].
            if (t <= 78)
            {
                double total = 0, mean = 0;
                for (int n = 0; n < 400; n++)
                {
                    double p = m.ProbabilityOfPurchases(t, n);
                    total += p;
                    mean += n * p;
                }

                Assert.Equal(1, total, 1e-8);
                Assert.Equal(m.ExpectedPurchases(t), mean, 1e-6);
            }
        }

        Assert.Equal(0, m.ExpectedPurchases(0));
        Assert.Equal(1, m.ProbabilityOfPurchases(0, 0));
        Assert.Throws<InvalidOperationException>(() => m.ExpectedPurchases(double.PositiveInfinity)); // s < 1
        Assert.Equal(2.0 * 10 / (3 * 0.5), new ParetoNbdModel(2, 3, 1.5, 10).ExpectedPurchases(double.PositiveInfinity), 1e-12);

        // s = 1: the limit rβ/α ln(1 + t/β), and continuity across it.
        Assert.Equal(0.5 * 10 / 4 * Math.Log(1 + (7 / 10.0)), new ParetoNbdModel(0.5, 4, 1, 10).ExpectedPurchases(7), 1e-12);
        Assert.Equal(new ParetoNbdModel(0.5, 4, 1 + 1e-9, 10).ExpectedPurchases(7), new ParetoNbdModel(0.5, 4, 1, 10).ExpectedPurchases(7), 1e-8);

        // E[Y(t) | history] = P(alive) (r+x)/(α+T) ∫₀ᵗ ((β+T)/(β+T+τ))ˢ dτ; DERT = same with e^−δτ over [0, ∞).
        foreach ((double x, double tx, double age) in new[] { (0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (7.0, 35.0, 38.0), (1.0, 1.71, 38.86) })
        {
            double alive = m.ProbabilityAlive(x, tx, age);
            double rate = alive * (m.R + x) / (m.Alpha + age);
            double b = m.Beta + age;
            double y = rate * Integrate.OnClosedInterval(tau => Math.Pow(b / (b + tau), m.S), 0, 52, 1e-12);
            Assert.Equal(y, m.ConditionalExpectedPurchases(52, x, tx, age), 1e-9);
            foreach (double delta in new[] { 0.0015, 0.01, 0.1, 0.5 })
            {
                double dert = rate * GaussKronrodRule.Integrate(tau => Math.Exp(-delta * tau) * Math.Pow(b / (b + tau), m.S), 0, double.PositiveInfinity, out _, out _, 1e-12, 25, 61);
                Assert.Equal(dert, m.DiscountedExpectedResidualTransactions(delta, x, tx, age), 1e-7 * Math.Max(1, dert));
            }
        }
    }

    [Fact]
    public void Invalid_input_and_default_model_fail_loudly()
    {
        Assert.Throws<ModelFitException>(() => ParetoNbd.Fit([0.0, 0.0], [0.0, 0.0], [5.0, 6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoNbd.Fit([1.0, 0.0], [6.0, 0.0], [5.0, 6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoNbd.Fit([1.5, 0.0], [1.0, 0.0], [5.0, 6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoNbd.Fit([1.0, 0.0], [1.0, 2.0], [5.0, 6.0]));
        Assert.Throws<ArgumentException>(() => ParetoNbd.Fit([], [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(0.5, double.NaN, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1, 1, 1, 1, 5, 10, default, double.NaN, double.NaN, double.NaN, double.NaN, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1, 1, 1, 1, -5, 10, default, -1, double.NaN, double.NaN, double.NaN, null));
        Assert.Throws<InvalidOperationException>(() => default(ParetoNbdModel).ExpectedPurchases(1));
        var m = new ParetoNbdModel(1, 2, 3, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.ExpectedPurchases(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.ProbabilityAlive(1, 5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.DiscountedExpectedResidualTransactions(0, 1, 1, 4));
        Assert.True(double.IsNaN(m.Aic));
    }

    [Fact]
    public void Json_round_trips_fitted_constructed_and_default_models()
    {
        foreach (ParetoNbdModel model in new[] { Cdnow.Value, ParetoNbd.Fit(Cdnow.Value.Customers > 0 ? SummaryOfCdnow() : throw new InvalidOperationException()), new ParetoNbdModel(1, 2, 3, 4), default })
        {
            string json = JsonSerializer.Serialize(model, CustomerMetricsJsonContext.Default.ParetoNbdModel);
            ParetoNbdModel back = JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.ParetoNbdModel);
            Assert.Equal(model, back);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize(
            """{"R":-1,"Alpha":1,"S":1,"Beta":1,"LogLikelihood":"NaN","Customers":0,"FitInfo":{"Method":0,"Iterations":0,"Evaluations":0,"Converged":false,"GradientNorm":0},"RStandardError":"NaN","AlphaStandardError":"NaN","SStandardError":"NaN","BetaStandardError":"NaN","Unit":null}""",
            CustomerMetricsJsonContext.Default.ParetoNbdModel));
    }

    internal static RfmSummary SummaryOfCdnow()
    {
        var d = CdnowSummary.Data;
        return RfmSummary.FromColumns(Enumerable.Range(1, d.Frequency.Length).ToArray(), d.Frequency, d.Recency, d.Age,
            d.Frequency.Select((x, i) => x == 0 ? 0 : d.MeanSpend[i]).ToArray(), PeriodUnit.Week);
    }

    internal static (double[] X, double[] Tx, double[] T) Simulate(double r, double alpha, double s, double beta, int n, int seed)
    {
        var random = new Random(seed);
        var lambdas = new MathNet.Numerics.Distributions.Gamma(r, alpha, random);
        var mus = new MathNet.Numerics.Distributions.Gamma(s, beta, random);
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double lambda = lambdas.Sample(), mu = mus.Sample();
            double age = 26 + random.Next(14);
            double death = -Math.Log(1 - random.NextDouble()) / mu;
            double time = 0, last = 0;
            int count = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > Math.Min(age, death))
                {
                    break;
                }

                count++;
                last = time;
            }

            (x[i], tx[i], t[i]) = (count, last, age);
        }

        return (x, tx, t);
    }

    private static double LogC(double r, double alpha, double s, double beta, double x) =>
        SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta));

    private static double OracleLogAliveTerm(double r, double alpha, double s, double x, double t, double beta) =>
        (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t));

    /// <summary>
    /// ln L = ln C + ln(A(T) + s ∫ from tₓ to T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ), the integral by 64-point Gauss–Legendre
    /// on panels that double in width from tₓ (where the integrand peaks), scaled by its value at tₓ.
    /// </summary>
    private static double OracleLogLikelihood(double r, double alpha, double s, double beta, double x, double tx, double t)
    {
        double lnF0 = (-(r + x) * Math.Log(alpha + tx)) - ((s + 1) * Math.Log(beta + tx));
        double Scaled(double tau) => Math.Exp((-(r + x) * Math.Log(alpha + tau)) - ((s + 1) * Math.Log(beta + tau)) - lnF0);
        double sum = 0, lo = tx, h = Math.Min(alpha + tx, beta + tx) / (r + x + s + 1) / 8;
        while (lo < t)
        {
            double hi = Math.Min(t, lo + h);
            sum += GaussLegendreRule.Integrate(Scaled, lo, hi, 64);
            lo = hi;
            h *= 2;
        }

        double lnAT = OracleLogAliveTerm(r, alpha, s, x, t, beta);
        return LogC(r, alpha, s, beta, x) + lnF0 + Math.Log(Math.Exp(lnAT - lnF0) + (s * sum));
    }
}
