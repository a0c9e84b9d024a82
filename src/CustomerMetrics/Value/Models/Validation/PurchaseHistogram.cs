namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// The repeat-purchase histogram against the model (plot-ready): customers with x = 0, 1, …, max − 1 repeat purchases and
/// with x ≥ max, actual and expected (Σ over customers of P(X(Tᵢ) = n), the last bin 1 − the rest).
/// </summary>
/// <param name="Purchases">Lower edge of each bin (the last bin is "x ≥ Purchases[^1]").</param>
/// <param name="Actual">Customers with that many repeat purchases.</param>
/// <param name="Expected">Expected customers under the model.</param>
public sealed record PurchaseHistogram(int[] Purchases, double[] Actual, double[] Expected);
