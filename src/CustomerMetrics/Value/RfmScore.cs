using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>One customer's RFM quintile scores (1–5 each, 5 best) and its named segment.</summary>
/// <param name="Recency">R: 5 for the most recent fifth of customers (fewest periods since the last purchase).</param>
/// <param name="Frequency">F: 5 for the fifth with the most repeat purchases.</param>
/// <param name="Monetary">M: 5 for the fifth with the highest total spend.</param>
public readonly record struct RfmScore(byte Recency, byte Frequency, byte Monetary)
{
    /// <summary>The three-digit RFM cell, 100 R + 10 F + M (111 to 555).</summary>
    public int Cell => (Recency * 100) + (Frequency * 10) + Monetary;

    /// <summary>The named segment (see <see cref="RfmSegment"/>).</summary>
    public RfmSegment Segment => Rfm.Segment(Recency, Frequency, Monetary);

    /// <summary>"RFM 545 Champions".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RFM {Cell} {Segment}");
}
