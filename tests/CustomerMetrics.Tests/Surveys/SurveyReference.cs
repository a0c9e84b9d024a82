namespace CustomerMetrics.Tests.Surveys;

/// <summary>Plain scalar definitions straight from the guide, the oracles for the vectorised kernels.</summary>
internal static class SurveyReference
{
    public static (long Promoters, long Passives, long Detractors, long Invalid) Nps(IEnumerable<int> scores)
    {
        long promoters = 0, passives = 0, detractors = 0, invalid = 0;
        foreach (int score in scores)
        {
            if (score < 0 || score > 10)
            {
                invalid++;
            }
            else if (score >= 9)
            {
                promoters++;
            }
            else if (score >= 7)
            {
                passives++;
            }
            else
            {
                detractors++;
            }
        }

        return (promoters, passives, detractors, invalid);
    }

    public static long[] Points(IEnumerable<byte> ratings, int points)
    {
        var counts = new long[points];
        foreach (byte rating in ratings)
        {
            if (rating >= 1 && rating <= points)
            {
                counts[rating - 1]++;
            }
        }

        return counts;
    }
}
