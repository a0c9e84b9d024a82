
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// NPS interval arithmetic on fractions (NPS as p − d in [−1, 1]), shared by the unweighted and weighted results:
/// <c>n</c> is the number of responses or, for weighted data, Kish's effective sample size.
/// </summary>
internal static class NpsInterval
{
    public static ConfidenceInterval Compute(
        double promoterShare, double detractorShare, double n, double confidenceLevel, NpsIntervalMethod method)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.Defined(method);
        if (!(n > 0))
        {
            ThrowHelper.InvalidOperation("An NPS interval needs at least one response; this result has none.");
        }

        double z = Stats.TwoSidedZ(confidenceLevel);
        (double lower, double upper) = method switch
        {
            NpsIntervalMethod.Wald => Wald(promoterShare, detractorShare, n, z),
            NpsIntervalMethod.AdjustedWald => Wald(
                ((promoterShare * n) + 0.75) / (n + 3), ((detractorShare * n) + 0.75) / (n + 3), n + 3, z),
            _ => Score(promoterShare, detractorShare, n, z),
        };
        return new ConfidenceInterval(Math.Max(-100, lower * 100), Math.Min(100, upper * 100), confidenceLevel);
    }

    /// <summary>Var(p − d) for one response: (p + d) − (p − d)².</summary>
    public static double Variance(double promoterShare, double detractorShare)
    {
        double difference = promoterShare - detractorShare;
        return Math.Max(0, promoterShare + detractorShare - (difference * difference));
    }

    private static (double Lower, double Upper) Wald(double p, double d, double n, double z)
    {
        double halfWidth = z * Math.Sqrt(Variance(p, d) / n);
        return (p - d - halfWidth, p - d + halfWidth);
    }

    private static (double Lower, double Upper) Score(double p, double d, double n, double z)
    {
        double estimate = p - d;
        return (Bisect(p, d, n, z * z, outside: -1, inside: estimate), Bisect(p, d, n, z * z, outside: 1, inside: estimate));
    }

    /// <summary>
    /// Bisects f(Δ) = n (N̂ − Δ)² − z² Ṽ(Δ) between <paramref name="inside"/> (N̂, where f ≤ 0) and
    /// <paramref name="outside"/> (±1, where Ṽ = 0 and so f ≥ 0) for the interval bound on that side.
    /// </summary>
    private static double Bisect(double p, double d, double n, double z2, double outside, double inside)
    {
        double estimate = p - d;
        double Excess(double delta) => (n * (estimate - delta) * (estimate - delta)) - (z2 * ConstrainedVariance(p, d, delta));

        if (Excess(outside) <= 0)
        {
            return outside;
        }

        for (int iteration = 0; iteration < 200 && Math.Abs(outside - inside) > 1e-13; iteration++)
        {
            double middle = 0.5 * (outside + inside);
            if (Excess(middle) <= 0)
            {
                inside = middle;
            }
            else
            {
                outside = middle;
            }
        }

        return inside;
    }

    /// <summary>
    /// Ṽ(Δ) = p̃ + d̃ − Δ² at the trinomial maximum-likelihood shares constrained to p̃ − d̃ = Δ. Setting the
    /// derivative of p̂ ln p + d̂ ln(p − Δ) + û ln(1 + Δ − 2p) to zero gives
    /// 2p² − [p̂(1 + 3Δ) + d̂(1 + Δ) + 2ûΔ] p + p̂Δ(1 + Δ) = 0, whose root in [max(0, Δ), (1 + Δ)/2] is p̃.
    /// </summary>
    internal static double ConstrainedVariance(double p, double d, double delta)
    {
        double passive = Math.Max(0, 1 - p - d);
        double b = (p * (1 + (3 * delta))) + (d * (1 + delta)) + (2 * passive * delta);
        double c = p * delta * (1 + delta);
        double root = Math.Sqrt(Math.Max(0, (b * b) - (8 * c)));
        double low = Math.Max(0, delta);
        double high = (1 + delta) / 2;
        double candidate = (b + root) / 4;
        if (candidate < low - 1e-12 || candidate > high + 1e-12)
        {
            candidate = (b - root) / 4;
        }

        double promoter = Math.Clamp(candidate, low, high);
        double detractor = promoter - delta;
        return Math.Max(0, promoter + detractor - (delta * delta));
    }
}
