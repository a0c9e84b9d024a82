using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>One customer's RFM quintile scores (1–5 each, 5 best) and its named segment.</summary>
/// <remarks><c>default</c> (scores 0) is not a valid score and does not read back from JSON: scores run from 1 to 5.</remarks>
public readonly record struct RfmScore
{
    /// <summary>Creates a score; the JSON constructor.</summary>
    /// <param name="recency">R, 1 to 5: 5 for the most recent fifth of customers (fewest periods since the last purchase).</param>
    /// <param name="frequency">F, 1 to 5: 5 for the fifth with the most repeat purchases.</param>
    /// <param name="monetary">M, 1 to 5: 5 for the fifth with the highest total spend.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    [JsonConstructor]
    public RfmScore(byte recency, byte frequency, byte monetary)
    {
        Guard.InRange(recency, 1, 5);
        Guard.InRange(frequency, 1, 5);
        Guard.InRange(monetary, 1, 5);
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
    }

    /// <summary>R: 5 for the most recent fifth of customers (fewest periods since the last purchase).</summary>
    public byte Recency { get; }

    /// <summary>F: 5 for the fifth with the most repeat purchases.</summary>
    public byte Frequency { get; }

    /// <summary>M: 5 for the fifth with the highest total spend.</summary>
    public byte Monetary { get; }

    /// <summary>The three-digit RFM cell, 100 R + 10 F + M (111 to 555).</summary>
    public int Cell => (Recency * 100) + (Frequency * 10) + Monetary;

    /// <summary>The named segment (see <see cref="RfmSegment"/>).</summary>
    public RfmSegment Segment => Rfm.Segment(Recency, Frequency, Monetary);

    /// <summary>"RFM 545 Champions".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RFM {Cell} {Segment}");
}
