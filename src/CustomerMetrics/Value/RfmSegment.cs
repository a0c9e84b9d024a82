namespace CustomerMetrics.Value;

/// <summary>
/// Named RFM segments for prioritising customers, from the recency score R and the rounded mean FM = ⌊(F + M + 1) / 2⌋
/// of the frequency and monetary scores (all 1–5). The names are those of the widely used eleven-segment RFM map
/// (Putler, <i>RFM Analysis for Successful Customer Segmentation</i>); the published map overlaps at its edges, so this
/// library fixes one non-overlapping grid (rows R = 5..1, columns FM = 1..5):
/// <code>
/// R 5: NewCustomers  PotentialLoyalists PotentialLoyalists Champions      Champions
/// R 4: Promising     PotentialLoyalists LoyalCustomers     Champions      Champions
/// R 3: AboutToSleep  NeedAttention      LoyalCustomers     LoyalCustomers LoyalCustomers
/// R 2: Hibernating   AboutToSleep       NeedAttention      AtRisk         AtRisk
/// R 1: Lost          Hibernating        AtRisk             CannotLoseThem CannotLoseThem
/// </code>
/// </summary>
public enum RfmSegment
{
    /// <summary>Bought recently, buy often and spend the most (R 4–5, FM 4–5): reward them.</summary>
    Champions,

    /// <summary>Buy regularly and spend well (R 3–4, FM 3–5 outside Champions): upsell, ask for reviews.</summary>
    LoyalCustomers,

    /// <summary>Recent customers with average frequency and spend (R 4–5, FM 2–3): offer membership or loyalty.</summary>
    PotentialLoyalists,

    /// <summary>Bought most recently, but rarely and little (R 5, FM 1): onboard them.</summary>
    NewCustomers,

    /// <summary>Recent shoppers who have not spent much (R 4, FM 1): build awareness.</summary>
    Promising,

    /// <summary>Middling recency, frequency and spend (R 3 FM 2, R 2 FM 3): limited-time offers.</summary>
    NeedAttention,

    /// <summary>Below-average recency and spend (R 3 FM 1, R 2 FM 2): reactivate before they are lost.</summary>
    AboutToSleep,

    /// <summary>Spent well and often, but long ago (R 2 FM 4–5, R 1 FM 3): win them back.</summary>
    AtRisk,

    /// <summary>Were among the best, long ago (R 1, FM 4–5): win them back at a price.</summary>
    CannotLoseThem,

    /// <summary>Last purchase long ago, low frequency and spend (R 2 FM 1, R 1 FM 2).</summary>
    Hibernating,

    /// <summary>Lowest recency, frequency and spend (R 1, FM 1).</summary>
    Lost,
}
