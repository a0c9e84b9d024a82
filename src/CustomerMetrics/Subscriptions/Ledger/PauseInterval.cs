namespace CustomerMetrics.Subscriptions;

/// <summary>A pause of a subscription: no MRR from <see cref="From"/> (inclusive) to <see cref="Until"/> (exclusive).</summary>
/// <param name="From">First paused day.</param>
/// <param name="Until">First day billed again (≥ <see cref="From"/>).</param>
public readonly record struct PauseInterval(DateOnly From, DateOnly Until);
