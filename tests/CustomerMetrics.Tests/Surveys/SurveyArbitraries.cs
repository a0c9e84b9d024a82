using FsCheck;
using FsCheck.Fluent;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>A span of raw entries for a property test; <see cref="ToString"/> keeps counterexamples short.</summary>
public sealed record Entries(byte[] Values)
{
    public override string ToString() => $"{Values.Length} entries: [{string.Join(",", Values.Take(40))}{(Values.Length > 40 ? ",…" : "")}]";
}

/// <summary>
/// Arbitrary spans of every length 0..10,000 (so every vector width and tail occurs) whose entries are mostly on
/// the scale with occasional off-scale values, so that the strict and lenient paths both get exercised.
/// </summary>
public static class SurveyArbitraries
{
    public static Arbitrary<Entries> Entries() =>
        Gen.Frequency(
                (3, Gen.Choose(0, 300)),
                (1, Gen.Choose(0, 10_000)))
            .SelectMany(length => Gen.ArrayOf(
                Gen.Frequency(
                    (40, Gen.Choose(0, 11)),
                    (1, Gen.Choose(0, 255))).Select(value => (byte)value),
                length))
            .Select(values => new Entries(values))
            .ToArbitrary();
}
