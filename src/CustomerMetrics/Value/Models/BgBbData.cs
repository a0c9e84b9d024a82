using System.Globalization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models.Validation;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Validated BG/BB input compressed to distinct (x, tₓ, n) rows with summed weights, and the log-likelihood with its
/// analytic gradient (Fader, Hardie &amp; Shang 2010, eq. 5): L = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)
/// + Σ over i = 0 … n−tₓ−1 of B(α+x, β+tₓ−x+i)/B(α, β) · B(γ+1, δ+tₓ+i)/B(γ, δ), summed in log-sum-exp form.
/// </summary>
internal sealed class BgBbData
{
    private readonly int[] _x;
    private readonly int[] _tx;
    private readonly int[] _n;
    private readonly double[] _weight;

    public BgBbData(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> opportunities, ReadOnlySpan<double> weights, bool allowNoRepeat = false)
    {
        Guard.SameLength(frequency.Length, recency.Length);
        Guard.SameLength(frequency.Length, opportunities.Length);
        if (!weights.IsEmpty)
        {
            Guard.SameLength(frequency.Length, weights.Length);
        }

        if (frequency.Length == 0)
        {
            ThrowHelper.Argument(nameof(frequency), "The BG/BB model cannot be fitted to no customers.");
        }

        var rows = new SortedDictionary<(int X, int Tx, int N), double>();
        double total = 0, repeat = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            ValidateRow(frequency, recency, opportunities, i);
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!(w >= 0) || double.IsPositiveInfinity(w))
            {
                ThrowHelper.ValueOutOfRange(nameof(weights), i, w, "finite numbers ≥ 0");
            }

            var key = ((int)frequency[i], (int)recency[i], (int)opportunities[i]);
            rows[key] = rows.GetValueOrDefault(key) + w;
            total += w;
            if (frequency[i] > 0)
            {
                repeat += w;
            }
        }

        if (!(total > 0))
        {
            ThrowHelper.Argument(nameof(weights), "The weights sum to 0: there is no customer to fit.");
        }

        if (!(repeat > 0) && !allowNoRepeat)
        {
            ModelFitException.ThrowNoRepeatPurchase("BG/BB", "the transaction and dropout probabilities are not identified");
        }

        _x = [.. rows.Keys.Select(k => k.X)];
        _tx = [.. rows.Keys.Select(k => k.Tx)];
        _n = [.. rows.Keys.Select(k => k.N)];
        _weight = [.. rows.Values];
        TotalWeight = total;
    }

    public double TotalWeight { get; }

    /// <summary>The total weighted log-likelihood at (α, β, γ, δ) = exp(log parameters); writes d/d(log θ).</summary>
    public double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double alpha = Math.Exp(logParameters[0]), beta = Math.Exp(logParameters[1]);
        double gamma = Math.Exp(logParameters[2]), delta = Math.Exp(logParameters[3]);
        double lnBab = SpecialFunctions.BetaLn(alpha, beta), lnBgd = SpecialFunctions.BetaLn(gamma, delta);
        double psiA = SpecialFunctions.DiGamma(alpha), psiB = SpecialFunctions.DiGamma(beta), psiAB = SpecialFunctions.DiGamma(alpha + beta);
        double psiG = SpecialFunctions.DiGamma(gamma), psiD = SpecialFunctions.DiGamma(delta), psiGD = SpecialFunctions.DiGamma(gamma + delta);
        var total = default(NeumaierSum);
        Span<double> g = stackalloc double[4];
        g.Clear();
        int maxTerms = 0;
        for (int row = 0; row < _x.Length; row++)
        {
            maxTerms = Math.Max(maxTerms, _n[row] - _tx[row] + 1);
        }

        var buffer = new double[maxTerms];
        for (int row = 0; row < _x.Length; row++)
        {
            int x = _x[row], tx = _tx[row], n = _n[row];
            double w = _weight[row];
            double psiAx = SpecialFunctions.DiGamma(alpha + x);

            // Terms: (k = β-side count, m = δ-side count, γ' = γ or γ + 1).
            double max = double.NegativeInfinity;
            int terms = n - tx + 1;
            Span<double> logs = buffer.AsSpan(0, terms);
            for (int i = 0; i < terms; i++)
            {
                (int k, int m, double gp) = i == 0 ? (n - x, n, gamma) : (tx - x + i - 1, tx + i - 1, gamma + 1);
                logs[i] = SpecialFunctions.BetaLn(alpha + x, beta + k) - lnBab + SpecialFunctions.BetaLn(gp, delta + m) - lnBgd;
                max = Math.Max(max, logs[i]);
            }

            double sum = 0, da = 0, db = 0, dg = 0, dd = 0;
            for (int i = 0; i < terms; i++)
            {
                (int k, int m, double gp) = i == 0 ? (n - x, n, gamma) : (tx - x + i - 1, tx + i - 1, gamma + 1);
                double e = Math.Exp(logs[i] - max);
                double psiABk = SpecialFunctions.DiGamma(alpha + beta + x + k), psiGDm = SpecialFunctions.DiGamma(gp + delta + m);
                sum += e;
                da += e * (psiAx - psiABk - psiA + psiAB);
                db += e * (SpecialFunctions.DiGamma(beta + k) - psiABk - psiB + psiAB);
                dg += e * (SpecialFunctions.DiGamma(gp) - psiGDm - psiG + psiGD);
                dd += e * (SpecialFunctions.DiGamma(delta + m) - psiGDm - psiD + psiGD);
            }

            total.Add(w * (max + Math.Log(sum)));
            g[0] += w * da / sum;
            g[1] += w * db / sum;
            g[2] += w * dg / sum;
            g[3] += w * dd / sum;
        }

        gradient[0] = g[0] * alpha;
        gradient[1] = g[1] * beta;
        gradient[2] = g[2] * gamma;
        gradient[3] = g[3] * delta;
        return total.Value;
    }

    /// <summary>The minimised objective −LL/Σw with its gradient in log parameters.</summary>
    public double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient) =>
        ModelChecks.MeanNegative(LogLikelihood(logParameters, gradient), gradient[..4], TotalWeight);

    /// <summary>The total negative log-likelihood, for the Hessian.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient) =>
        ModelChecks.Negative(LogLikelihood(logParameters, gradient), gradient[..4]);

    internal static void ValidateRow(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> opportunities, int i)
    {
        double x = frequency[i], tx = recency[i], n = opportunities[i];
        if (!(n >= 1) || n != Math.Floor(n) || n > int.MaxValue / 2)
        {
            ThrowHelper.ValueOutOfRange(nameof(opportunities), i, n, "whole numbers from 1 to 2³⁰ (transaction opportunities after the first)");
        }

        if (!(x >= 0) || x != Math.Floor(x) || x > n)
        {
            ThrowHelper.ValueOutOfRange(nameof(frequency), i, x, string.Create(CultureInfo.InvariantCulture, $"whole numbers from 0 to n = {n}"));
        }

        if (!(tx >= 0) || tx != Math.Floor(tx) || tx > n || (x == 0 ? tx != 0 : tx < x))
        {
            ThrowHelper.ValueOutOfRange(nameof(recency), i, tx, x == 0
                ? "0 for a customer without repeat transactions"
                : string.Create(CultureInfo.InvariantCulture, $"whole numbers from x = {x} to n = {n} (the opportunity of the last transaction)"));
        }
    }
}
