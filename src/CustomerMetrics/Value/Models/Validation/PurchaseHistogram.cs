using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// The repeat-purchase histogram against the model (plot-ready): customers with x = 0, 1, …, max − 1 repeat purchases and
/// with x ≥ max, actual and expected (Σ over customers of P(X(Tᵢ) = n), the last bin 1 − the rest).
/// </summary>
/// <remarks>Built by <see cref="PurchaseDiagnostics"/>; every way to make one (constructor, JSON) is validated. The arrays belong to the result: read them, do not write them.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record PurchaseHistogram
{
    /// <summary>Creates the result after checking it: no array null, all of one length, every value in range.</summary>
    /// <param name="purchases">Lower edge of each bin (the last bin is "x ≥ Purchases[^1]").</param>
    /// <param name="actual">Customers with that many repeat purchases, ≥ 0.</param>
    /// <param name="expected">Expected customers under the model, ≥ 0.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length, or a value is out of range (names the array, index and value).</exception>
    [JsonConstructor]
    public PurchaseHistogram(int[] purchases, double[] actual, double[] expected)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        Guard.SameLength(actual.Length, purchases.Length);
        Guard.SameLength(expected.Length, purchases.Length);
        Guard.AllNonNegativeFinite(actual);
        Guard.AllNonNegativeFinite(expected);

        Purchases = purchases;
        Actual = actual;
        Expected = expected;
    }

    /// <summary>Lower edge of each bin (the last bin is "x ≥ Purchases[^1]").</summary>
    public int[] Purchases { get; }

    /// <summary>Customers with that many repeat purchases, ≥ 0.</summary>
    public double[] Actual { get; }

    /// <summary>Expected customers under the model, ≥ 0.</summary>
    public double[] Expected { get; }
}
