using CustomerMetrics.Internal;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>Conditional predictions beyond E[Y(t)]: P(alive) in the future and the distribution of future purchases.</summary>
public readonly partial record struct BgNbdModel
{
    /// <summary>
    /// P(alive at T + t | x, tₓ, T): the probability that the customer is still alive t after the end of observation,
    /// = P(alive at T) · ₂F₁(r + x, a; a + b + x; −t/(α + T)). A living customer with rate λ and dropout p survives t
    /// with probability e^(−λpt) (dropouts happen only at purchases, a thinned Poisson process); averaging over the
    /// posterior λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x) gives the ₂F₁ (the beta mean of (1 + pt/(α+T))^−(r+x)).
    /// </summary>
    /// <param name="t">Time after the end of observation, finite and ≥ 0, in the data's unit; 0 gives <see cref="ProbabilityAlive(double, double, double)"/>.</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>A fraction in (0, 1], falling with t.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative, NaN or ∞, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityAliveAt(double t, double frequency, double recency, double age)
    {
        EnsureParameters();
        Guard.NonNegativeFinite(t);
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        double alive = Alive(frequency, recency, age);
        return t == 0 ? alive : alive * Hypergeometric.Gauss(R + frequency, A, A + B + frequency, -t / (Alpha + age));
    }

    /// <summary>
    /// P(Y(t) = n | x, tₓ, T): the probability of exactly n purchases in the next t. Given alive, the posterior of
    /// (λ, p) is the prior with (r + x, α + T, a, b + x), so P = P(alive) · P'(X(t) = n) + (1 − P(alive)) · [n = 0], with
    /// P' the eq. 8 distribution (<see cref="ProbabilityOfPurchases(double, int)"/>) at the updated parameters.
    /// n = 0 gives P(no purchase in the next t) = 1 − P(alive) + P(alive) ((α + T)/(α + T + t))^(r + x).
    /// </summary>
    /// <param name="t">Length of the future period, finite and ≥ 0, in the data's unit.</param>
    /// <param name="n">Number of purchases, ≥ 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>A probability in [0, 1]; over n = 0, 1, 2, … they sum to 1 and their mean is <see cref="ConditionalExpectedPurchases(double, double, double, double)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative, NaN or ∞, n &lt; 0, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ConditionalProbabilityOfPurchases(double t, int n, double frequency, double recency, double age)
    {
        EnsureParameters();
        Guard.NonNegativeFinite(t);
        Guard.NonNegative(n);
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        double alive = Alive(frequency, recency, age);
        double posterior = Purchases(R + frequency, Alpha + age, A, B + frequency, t, n);
        return (alive * posterior) + (n == 0 ? 1 - alive : 0);
    }

    /// <summary>P(X(t) = n) of eq. 8 for parameters (r, α, a, b); t finite ≥ 0, n ≥ 0.</summary>
    internal static double Purchases(double r, double alpha, double a, double b, double t, int n)
    {
        if (t == 0)
        {
            return n == 0 ? 1 : 0;
        }

        double lnBetaAB = ModelMath.LogBeta(a, b);
        double lnQ = -ModelMath.Log1P(t / alpha);      // ln(α/(α+t))
        double z = t / (alpha + t);
        double lnZ = Math.Log(t) - Math.Log(alpha + t);
        double first = Math.Exp(ModelMath.LogBeta(a, b + n) - lnBetaAB
            + SpecialFunctions.GammaLn(r + n) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(n + 1.0)
            + (r * lnQ) + (n * lnZ));
        if (n == 0)
        {
            return first;
        }

        double second = Math.Exp(ModelMath.LogBeta(a + 1, b + (n - 1)) - lnBetaAB) * SpecialFunctions.BetaRegularized(n, r, z);
        return first + second;
    }
}
