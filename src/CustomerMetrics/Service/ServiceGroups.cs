using CustomerMetrics.Internal;

namespace CustomerMetrics.Service;

/// <summary>Checks shared by the grouped service calculators.</summary>
internal static class ServiceGroups
{
    /// <summary>Throws at the first group id outside [0, groupCount).</summary>
    public static void CheckIds(ReadOnlySpan<int> groupIds, int groupCount)
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            if ((uint)groupIds[i] >= (uint)groupCount)
            {
                ThrowHelper.ValueOutOfRange(nameof(groupIds), i, groupIds[i], 0, groupCount - 1L);
            }
        }
    }
}
