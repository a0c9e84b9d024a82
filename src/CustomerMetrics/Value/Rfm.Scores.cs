using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

// RFM quintile scores and named segments.
public static partial class Rfm
{
    /// <summary>
    /// RFM quintile scores of every customer of a summary: R from the periods since the last purchase
    /// (T − recency, fewer is better), F from the repeat purchases, M from the total spend; each 1–5 with 5 best,
    /// by <see cref="QuintileScores(ReadOnlySpan{double}, Span{byte})"/>. The classic direct-marketing scoring
    /// (Hughes 1994, <i>Strategic Database Marketing</i>); segments per <see cref="RfmSegment"/>.
    /// </summary>
    /// <param name="summary">The RFM summary.</param>
    /// <returns>Scores parallel to the summary; empty for an empty summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static RfmScores Score(RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int n = summary.Count;
        var sinceLast = new double[n];
        for (int i = 0; i < n; i++)
        {
            sinceLast[i] = summary.Recency[i] - summary.T[i]; // −(T − recency): higher is more recent.
        }

        var r = new byte[n];
        var f = new byte[n];
        var m = new byte[n];
        QuintileScores(sinceLast, r);
        QuintileScores(summary.Frequency, f);
        QuintileScores(summary.TotalSpend, m);
        return new RfmScores(summary.CustomerIds.ToArray(), r, f, m);
    }

    /// <summary>
    /// Quintile scores 1–5 (higher values score higher): score = 1 + ⌊5 × (number of values strictly below) ÷ n⌋, so
    /// ties share a score and the scores are monotone in the value (ties fall to the lower quintile, which can leave
    /// a quintile empty when one value is very common, as frequency 0 is).
    /// </summary>
    /// <param name="values">The values; each must not be NaN.</param>
    /// <param name="destination">Receives the scores; at least as long as <paramref name="values"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN (the message names its index).</exception>
    public static void QuintileScores(ReadOnlySpan<double> values, Span<byte> destination)
    {
        if (destination.Length < values.Length)
        {
            ThrowHelper.Argument(nameof(destination), string.Create(CultureInfo.InvariantCulture,
                $"destination has {destination.Length} elements but values has {values.Length}; it must be at least as long."));
        }

        int n = values.Length;
        var sorted = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
            {
                ThrowHelper.ValueOutOfRange(nameof(values), i, values[i], "numbers (not NaN)");
            }

            sorted[i] = values[i];
            order[i] = i;
        }

        Array.Sort(sorted, order);
        int below = 0;
        for (int j = 0; j < n; j++)
        {
            if (j > 0 && sorted[j] != sorted[j - 1])
            {
                below = j;
            }

            destination[order[j]] = (byte)(1 + (int)(5L * below / n));
        }
    }

    /// <summary>
    /// The named segment of an R, F, M score triple (each 1–5), from R and FM = ⌊(F + M + 1) / 2⌋ by the grid documented
    /// on <see cref="RfmSegment"/>.
    /// </summary>
    /// <param name="recency">R score, 1–5.</param>
    /// <param name="frequency">F score, 1–5.</param>
    /// <param name="monetary">M score, 1–5.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    public static RfmSegment Segment(int recency, int frequency, int monetary)
    {
        CheckScore(recency, nameof(recency));
        CheckScore(frequency, nameof(frequency));
        CheckScore(monetary, nameof(monetary));
        int fm = (frequency + monetary + 1) / 2;
        return SegmentGrid[((5 - recency) * 5) + fm - 1];
    }

    private static readonly RfmSegment[] SegmentGrid =
    [
        RfmSegment.NewCustomers, RfmSegment.PotentialLoyalists, RfmSegment.PotentialLoyalists, RfmSegment.Champions, RfmSegment.Champions,
        RfmSegment.Promising, RfmSegment.PotentialLoyalists, RfmSegment.LoyalCustomers, RfmSegment.Champions, RfmSegment.Champions,
        RfmSegment.AboutToSleep, RfmSegment.NeedAttention, RfmSegment.LoyalCustomers, RfmSegment.LoyalCustomers, RfmSegment.LoyalCustomers,
        RfmSegment.Hibernating, RfmSegment.AboutToSleep, RfmSegment.NeedAttention, RfmSegment.AtRisk, RfmSegment.AtRisk,
        RfmSegment.Lost, RfmSegment.Hibernating, RfmSegment.AtRisk, RfmSegment.CannotLoseThem, RfmSegment.CannotLoseThem,
    ];

    private static void CheckScore(int score, string paramName)
    {
        if (score is < 1 or > 5)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, score, "scores 1 to 5");
        }
    }
}
