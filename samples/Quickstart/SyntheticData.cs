namespace Quickstart;

/// <summary>Deterministic synthetic survey data: the same seed always gives the same report.</summary>
internal static class SyntheticData
{
    /// <summary>0–10 scores: promoters (9–10), detractors (0–6) and passives (7–8) in the given shares.</summary>
    public static byte[] NpsScores(int count, double promoterShare, double detractorShare, int seed)
    {
        var random = new Random(seed);
        var scores = new byte[count];
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble();
            scores[i] = u < promoterShare ? (byte)random.Next(9, 11)
                : u < promoterShare + detractorShare ? (byte)random.Next(0, 7)
                : (byte)random.Next(7, 9);
        }

        return scores;
    }

    /// <summary>Ratings 1..points, skewed towards the top when <paramref name="skew"/> &gt; 1.</summary>
    public static byte[] Ratings(int count, int points, int seed, double skew)
    {
        var random = new Random(seed);
        var ratings = new byte[count];
        for (int i = 0; i < count; i++)
        {
            double u = Math.Pow(random.NextDouble(), 1 / skew);
            ratings[i] = (byte)Math.Min(points, 1 + (int)(u * points));
        }

        return ratings;
    }
}
