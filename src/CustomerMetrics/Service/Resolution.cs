using CustomerMetrics.Internal;

namespace CustomerMetrics.Service;

/// <summary>
/// Resolution, first-contact resolution and reopen rates from ticket rows, overall or per group (agent, team,
/// channel), and the backlog open at a given time. Allocation-free.
/// </summary>
/// <remarks>
/// <para>A row is one ticket: its resolution timestamp (<see cref="ServiceTimes.Missing"/> while open), the number of
/// customer contacts it took (≥ 1), and whether it was ever reopened. A resolved ticket counts as first-contact
/// when it took one contact and was never reopened; a reopened ticket counts in the reopen rate once resolved again.</para>
/// <threadsafety>All members are pure and thread-safe.</threadsafety>
/// </remarks>
public static class Resolution
{
    /// <summary>Counts resolution outcomes.</summary>
    /// <param name="resolved">Resolution timestamps; <see cref="ServiceTimes.Missing"/> for open tickets. May be empty.</param>
    /// <param name="contacts">Customer contacts per ticket, each ≥ 1; same length.</param>
    /// <param name="reopened">Whether each ticket was ever reopened; same length.</param>
    /// <returns>The counts; undefined rates are NaN.</returns>
    /// <exception cref="ArgumentException">Lengths differ, or a contact count is below 1 (the message names the index).</exception>
    public static ResolutionResult Calculate(ReadOnlySpan<long> resolved, ReadOnlySpan<int> contacts, ReadOnlySpan<bool> reopened)
    {
        Check(resolved, contacts, reopened);
        long done = 0, first = 0, again = 0;
        for (int i = 0; i < resolved.Length; i++)
        {
            Tally(resolved[i], contacts[i], reopened[i], ref done, ref first, ref again);
        }

        return new ResolutionResult(resolved.Length, done, first, again);
    }

    /// <summary>Resolution outcomes per group: row i counts towards <c>destination[groupIds[i]]</c>.</summary>
    /// <param name="resolved">Resolution timestamps; <see cref="ServiceTimes.Missing"/> for open tickets.</param>
    /// <param name="contacts">Customer contacts per ticket, each ≥ 1.</param>
    /// <param name="reopened">Whether each ticket was ever reopened.</param>
    /// <param name="groupIds">The group of each row, each in [0, destination.Length).</param>
    /// <param name="destination">One result per group; overwritten.</param>
    /// <exception cref="ArgumentException">Lengths differ, a contact count is below 1, or a group id is out of range.</exception>
    public static void Calculate(ReadOnlySpan<long> resolved, ReadOnlySpan<int> contacts, ReadOnlySpan<bool> reopened,
        ReadOnlySpan<int> groupIds, Span<ResolutionResult> destination)
    {
        Check(resolved, contacts, reopened);
        Guard.SameLength(resolved.Length, groupIds.Length);
        ServiceGroups.CheckIds(groupIds, destination.Length);
        destination.Clear();
        for (int i = 0; i < resolved.Length; i++)
        {
            long done = 0, first = 0, again = 0;
            Tally(resolved[i], contacts[i], reopened[i], ref done, ref first, ref again);
            ref ResolutionResult slot = ref destination[groupIds[i]];
            slot = new ResolutionResult(slot.Tickets + 1, slot.Resolved + done, slot.FirstContact + first, slot.Reopened + again);
        }
    }

    /// <summary>The backlog at <paramref name="at"/>: tickets created at or before it and not resolved at or before it.</summary>
    /// <param name="created">Creation timestamps, never <see cref="ServiceTimes.Missing"/>.</param>
    /// <param name="resolved">Resolution timestamps, same length and unit; <see cref="ServiceTimes.Missing"/> for open tickets.</param>
    /// <param name="at">The moment, in the timestamps' unit.</param>
    /// <returns>The number of tickets open at that moment.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a creation time is missing, or a resolution precedes its creation.</exception>
    public static long Backlog(ReadOnlySpan<long> created, ReadOnlySpan<long> resolved, long at)
    {
        Guard.SameLength(created.Length, resolved.Length);
        long open = 0;
        for (int i = 0; i < created.Length; i++)
        {
            open += IsOpenAt(created, resolved, i, at) ? 1 : 0;
        }

        return open;
    }

    /// <summary>The backlog at <paramref name="at"/> per group: <c>destination[g]</c> counts the open tickets of group g.</summary>
    /// <param name="created">Creation timestamps.</param>
    /// <param name="resolved">Resolution timestamps; <see cref="ServiceTimes.Missing"/> for open tickets.</param>
    /// <param name="at">The moment, in the timestamps' unit.</param>
    /// <param name="groupIds">The group of each row, each in [0, destination.Length).</param>
    /// <param name="destination">One count per group; overwritten.</param>
    /// <exception cref="ArgumentException">As the ungrouped form, or a group id is out of range.</exception>
    public static void Backlog(ReadOnlySpan<long> created, ReadOnlySpan<long> resolved, long at, ReadOnlySpan<int> groupIds, Span<long> destination)
    {
        Guard.SameLength(created.Length, resolved.Length);
        Guard.SameLength(created.Length, groupIds.Length);
        ServiceGroups.CheckIds(groupIds, destination.Length);
        destination.Clear();
        for (int i = 0; i < created.Length; i++)
        {
            destination[groupIds[i]] += IsOpenAt(created, resolved, i, at) ? 1 : 0;
        }
    }

    private static bool IsOpenAt(ReadOnlySpan<long> created, ReadOnlySpan<long> resolved, int i, long at)
    {
        if (resolved[i] != ServiceTimes.Missing)
        {
            ServiceTimes.Duration(created, resolved, i, nameof(resolved));
        }
        else
        {
            ServiceTimes.CheckCreated(created, i);
        }

        return created[i] <= at && (resolved[i] == ServiceTimes.Missing || resolved[i] > at);
    }

    private static void Tally(long resolvedAt, int contacts, bool reopened, ref long done, ref long first, ref long again)
    {
        if (resolvedAt == ServiceTimes.Missing)
        {
            return;
        }

        done++;
        if (reopened)
        {
            again++;
        }
        else if (contacts == 1)
        {
            first++;
        }
    }

    private static void Check(ReadOnlySpan<long> resolved, ReadOnlySpan<int> contacts, ReadOnlySpan<bool> reopened)
    {
        Guard.SameLength(resolved.Length, contacts.Length);
        Guard.SameLength(resolved.Length, reopened.Length);
        for (int i = 0; i < contacts.Length; i++)
        {
            if (contacts[i] < 1)
            {
                ThrowHelper.ValueOutOfRange(nameof(contacts), i, contacts[i], 1, int.MaxValue);
            }
        }
    }
}
