using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// One row of <see cref="RfmScores"/> for display and LINQ: the customer id, the three quintile scores (1 to 5) and the
/// segment they map to. A notebook lists a sequence of these row by row (<c>ToTabularDataResource()</c> makes a column table).
/// </summary>
/// <remarks>Made only by <see cref="RfmScores"/>, so its scores are always 1 to 5 (a <c>default</c> row reads 0s).</remarks>
public readonly record struct RfmScoreRow
{
    internal RfmScoreRow(int customerId, byte recency, byte frequency, byte monetary)
    {
        CustomerId = customerId;
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
    }

    /// <summary>The customer id (as in the summary the scores came from).</summary>
    public int CustomerId { get; }

    /// <summary>Recency quintile score, 1 (longest ago) to 5 (most recent).</summary>
    public byte Recency { get; }

    /// <summary>Frequency quintile score, 1 (fewest repeat purchases) to 5 (most).</summary>
    public byte Frequency { get; }

    /// <summary>Monetary quintile score, 1 (lowest mean spend) to 5 (highest).</summary>
    public byte Monetary { get; }

    /// <summary>The three scores as a three-digit cell, e.g. 543 (recency × 100 + frequency × 10 + monetary).</summary>
    public int Cell => (Recency * 100) + (Frequency * 10) + Monetary;

    /// <summary>The named segment of the scores (<see cref="Rfm.Segment(int, int, int)"/>); <c>null</c> for a <c>default</c> row.</summary>
    public RfmSegment? Segment => Recency == 0 ? null : Rfm.Segment(Recency, Frequency, Monetary);

    /// <summary>One line, culture-invariant, e.g. <c>id 7: R5 F4 M3 Champions</c>.</summary>
    /// <returns>The row as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"id {CustomerId}: R{Recency} F{Frequency} M{Monetary} {Segment}");
}
