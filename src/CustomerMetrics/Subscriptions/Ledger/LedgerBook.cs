namespace CustomerMetrics.Subscriptions;

/// <summary>The validated log of one ledger build: customers with their records grouped (a counting sort), prepared records and the periods.</summary>
/// <param name="CustomerKeys">Customer keys by dense index, in order of first appearance.</param>
/// <param name="Offsets">Customer c's records are <c>Order[Offsets[c]..Offsets[c + 1]]</c>.</param>
/// <param name="Order">Record indexes grouped by customer; a rejected record's index is complemented (negative).</param>
/// <param name="Prepared">Prepared records by record index.</param>
/// <param name="FirstAbs">The first period's absolute index.</param>
/// <param name="LastAbs">The last period's absolute index.</param>
/// <param name="ThroughDay">The observation end's day number.</param>
/// <param name="StartDays">First day of each period.</param>
/// <param name="ReadDays">The day each period's MRR is read on.</param>
/// <param name="SegmentOf">Each customer's segment id (−1 when every record of it was rejected).</param>
/// <param name="SegmentNames">Segment keys by id, in order of the customers' first appearance.</param>
/// <param name="Seen">Customers with an accepted record.</param>
/// <param name="Bounds">The customer ranges of the preparation, one per core: range k is customers <c>[Bounds[k], Bounds[k + 1])</c>.</param>
internal sealed record LedgerBook<TCustomer>(List<TCustomer> CustomerKeys, int[] Offsets, int[] Order, PreparedSubscription[] Prepared,
    int FirstAbs, int LastAbs, int ThroughDay, int[] StartDays, int[] ReadDays, int[] SegmentOf, List<string> SegmentNames, long Seen, int[] Bounds);
