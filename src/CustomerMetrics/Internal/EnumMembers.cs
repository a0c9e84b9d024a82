namespace CustomerMetrics.Internal;

/// <summary>
/// The named members of <typeparamref name="TEnum"/>, read once and held for the life of the process. Checks go through
/// here rather than <see cref="Enum.IsDefined{TEnum}(TEnum)"/>, which reads the runtime's per-type reflection cache: that
/// cache is held weakly, so after every full GC the next check rebuilt it (256 B on the calling thread; found on the
/// per-period survey path). Same answer as <see cref="Enum.IsDefined{TEnum}(TEnum)"/>: only named values, no flag combinations.
/// </summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal static class EnumMembers<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();

    /// <summary>True when <paramref name="value"/> is a named member; allocates nothing.</summary>
    public static bool IsDefined(TEnum value)
    {
        foreach (TEnum member in Values)
        {
            if (EqualityComparer<TEnum>.Default.Equals(member, value))
            {
                return true;
            }
        }

        return false;
    }
}
