namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// Test oracle: ₂F₁ by its defining power series summed in decimal (28 significant digits) with Neumaier-free exact-ish
/// accumulation, independent of the library's transformations. Only for 0 ≤ z &lt; 1 with enough terms.
/// </summary>
internal static class SeriesReference
{
    public static double Gauss(double a, double b, double c, double z, int maxTerms = 200_000)
    {
        decimal term = 1m, sum = 1m;
        decimal da = (decimal)a, db = (decimal)b, dc = (decimal)c, dz = (decimal)z;
        for (int k = 0; k < maxTerms; k++)
        {
            term = term * (da + k) / (dc + k) * (db + k) / (k + 1) * dz;
            sum += term;
            if (term == 0m || Math.Abs(term) < Math.Abs(sum) * 1e-24m)
            {
                return (double)sum;
            }
        }

        throw new InvalidOperationException("Reference series did not converge.");
    }
}
