namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// A prediction on a grid of frequency x (rows) and recency tₓ (columns) at one age T (plot-ready heat map). Cells with
/// x = 0 and tₓ &gt; 0 do not exist (a customer without a repeat purchase has tₓ = 0) and hold NaN.
/// </summary>
/// <param name="Frequency">x of each row: 0, 1, …</param>
/// <param name="Recency">tₓ of each column, from 0 to T.</param>
/// <param name="Age">T of every cell.</param>
/// <param name="Values">Values[row, column].</param>
public sealed record FrequencyRecencyMatrix(double[] Frequency, double[] Recency, double Age, double[,] Values);
