using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CustomerMetrics.Acquisition;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using Models = CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests;

/// <summary>
/// Conventions checked by reflection over the public types, as NodaTime's ConsistencyTest does: a type added later is
/// covered without a new test, and no type is exempt. Where a convention has two allowed answers (a <c>default</c> that
/// is the empty value, or one declared invalid by design), the test's vocabulary names the rule and checks it.
/// </summary>
public partial class ConsistencyTests
{
    private static readonly Assembly Library = typeof(NpsResult).Assembly;

    /// <summary>
    /// Types whose <c>default</c> is not a valid value by design, with the reason. The rule they follow instead of
    /// round-tripping: reading their <c>default</c> back from JSON throws an <see cref="ArgumentException"/> naming the
    /// member that makes it invalid (see <see cref="An_invalid_default_is_rejected_when_read_back_naming_the_member"/>).
    /// </summary>
    private static readonly Dictionary<Type, string> DefaultIsNotAValue = new()
    {
        [typeof(ConfidenceInterval)] = "an interval has a confidence level in (0, 1)",
        [typeof(PredictiveClv)] = "a customer lifetime is positive",
        [typeof(RfmScore)] = "scores run from 1 to 5",
        [typeof(CustomerMetrics.Loyalty.ProgrammeRoi)] = "a programme has a positive cost (ROI divides by it)",
        [typeof(CustomerMetrics.Value.Models.Validation.LikelihoodRatioTest)] = "nested models differ by at least one parameter",
        [typeof(CustomerMetrics.Value.Models.Validation.ModelComparisonRow)] = "a model has at least one parameter",
    };

    /// <summary>Valid, non-default values of the result types, for the round trip and merge laws.</summary>
    private static readonly Dictionary<Type, object[]> Samples = new()
    {
        [typeof(CustomerMetrics.Service.ResolutionResult)] = [new CustomerMetrics.Service.ResolutionResult(10, 7, 5, 1)],
        [typeof(CustomerMetrics.Service.ServiceLevelResult)] = [new CustomerMetrics.Service.ServiceLevelResult(8, 10, 2, 1)],
        [typeof(CustomerMetrics.Loyalty.ProgrammeRate)] = [new CustomerMetrics.Loyalty.ProgrammeRate(3, 10)],
        [typeof(CustomerMetrics.Loyalty.SpendSummary)] = [new CustomerMetrics.Loyalty.SpendSummary(2, 30, 500, 2, Math.Log(10) + Math.Log(20),
            (Math.Log(10) * Math.Log(10)) + (Math.Log(20) * Math.Log(20)))],
        [typeof(NpsResult)] = [new NpsResult(5, 3, 2, 1), NpsResult.FromCounts(0, 0, 7)],
        [typeof(WeightedNpsResult)] = [new WeightedNpsResult(2, 1, 1, 6, 3, 1)],
        [typeof(NpsComparison)] = [new NpsComparison(10, 4.2), new NpsComparison(-200, 0)],
        [typeof(CesResult)] = [new CesResult(CesScale.SevenPointAgreement, [1, 2, 3, 4, 5, 6, 7], 2), new CesResult(CesScale.FivePointEffort, [0, 0, 1, 0, 0])],
        [typeof(CsatResult)] = [new CsatResult(5, 2, [1, 2, 3, 4, 5], 0), new CsatResult(10, 3, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1])],
        [typeof(WeightedCesResult)] = [new WeightedCesResult(CesScale.SevenPointAgreement, [1, 0, 0.5, 0, 2, 0, 1.5], 7.5, 4, 1), new WeightedCesResult(CesScale.FivePointEffort, [0, 0, 2, 0, 0], 4, 1, 0)],
        [typeof(WeightedCsatResult)] = [new WeightedCsatResult(5, 2, [1, 0, 0.5, 2, 1.5], 7.5, 4, 1), new WeightedCsatResult(10, 3, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1], 3, 3, 0)],
        [typeof(RakingResult)] = [new RakingResult(true, null, 7, 3e-7, 4, 4, 5, 0), new RakingResult(false, "no convergence", 100, 0.01, 3, 3, 4, 1)],
        [typeof(ConfidenceInterval)] = [new ConfidenceInterval(-3.5, 12.25, 0.9), new ConfidenceInterval(double.NaN, double.NaN, 0.95)],
        [typeof(MrrMovements<decimal>)] = [MrrMovements.Between([10m, 40m, 50m, 0m, 0m], [0m, 30m, 60m, 20m, 0m], [false, false, false, true, false])],
        [typeof(MrrMovements<double>)] = [MrrMovements.Between([10.0, 40, 50, 0, 0], [0.0, 30, 60, 20, 5])],
        [typeof(RetentionComparison)] = [new RetentionComparison(56, 70, 48, 80), new RetentionComparison(0, 0, 3, 3)],
        [typeof(AcquisitionCost)] = [new AcquisitionCost(25_000m, 100), new AcquisitionCost(10m, 0)],
        [typeof(HistoricalClv<decimal>)] = [new HistoricalClv<decimal>(3, 123.45m, 37.035m), new HistoricalClv<decimal>(2, -5m, 0m)],
        [typeof(HistoricalClv<double>)] = [new HistoricalClv<double>(3, 123.45, 37.035)],
        [typeof(PredictiveClv)] = [new PredictiveClv(2, 45, 0.3, 20), new PredictiveClv(double.NaN, double.NaN, 0.3, 12)],
        [typeof(RetentionClv)] = [new RetentionClv(100, 0.8, 0.1, null), new RetentionClv(-5, 0, 0, 12)],
        [typeof(RetentionWhatIf)] = [Clv.RetentionWhatIf(100, 0.8, 0.1), Clv.RetentionWhatIf(100, 0.8, 0.1, 0.05, 24)],
        [typeof(RfmRecord)] = [new RfmRecord(1, 2, 30.43, 38.86, 22.35, 74.02), new RfmRecord(7, 0, 0, 0, 0, 5)],
        [typeof(RfmScore)] = [new RfmScore(5, 4, 3)],
        [typeof(RfmOptions)] = [RfmOptions.Weeks, new RfmOptions(PeriodUnit.Month, PeriodCounting.WholePeriods, RowsAfterEnd.Throw)],
        [typeof(PeriodUnit)] = [PeriodUnit.Week, PeriodUnit.Days(3), PeriodUnit.Quarter],
        [typeof(CohortTable)] = [CohortTable.Build([1L, 1, 2, 3, 3], [0, 0, 0, 1, 1], [0, 1, 0, 1, 2], [10.0, 12, 5, 7, 7], 2)],
        [typeof(LedgerPeriod)] = [LedgerSample()],
        [typeof(Models.BgNbdModel)] = [new Models.BgNbdModel(0.243, 4.414, 0.793, 2.426),
            new Models.BgNbdModel(0.243, 4.414, 0.793, 2.426) { LogLikelihood = -9582.4, Customers = 2357, FitInfo = FitSample, RStandardError = 0.01 }],
        [typeof(Models.GammaGammaModel)] = [new Models.GammaGammaModel(6.25, 3.74, 15.44), new Models.GammaGammaModel(2, 0.5, 10)],
        [typeof(Models.ShiftedBetaGeometricModel)] = [new Models.ShiftedBetaGeometricModel(0.704, 1.182)],
        [typeof(Models.ModelFitInfo)] = [FitSample, new Models.ModelFitInfo(Models.ModelFitMethod.NelderMead, 500, 900, false, 0.1, "iteration limit")],
        [typeof(Models.ParetoNbdModel)] = [new Models.ParetoNbdModel(0.553, 10.578, 0.606, 11.669),
            new Models.ParetoNbdModel(0.553, 10.578, 0.606, 11.669, -9595.0, 2357, FitSample, 0.05, 0.8, 0.2, 6.7, PeriodUnit.Week)],
        [typeof(Models.MbgNbdModel)] = [new Models.MbgNbdModel(0.525, 6.183, 0.891, 1.614)],
        [typeof(Models.BgBbModel)] = [new Models.BgBbModel(1.204, 0.750, 0.657, 2.783)],
        [typeof(Models.Validation.ModelComparisonRow)] = [new Models.Validation.ModelComparisonRow("BG/NBD", -9582.4, 4, 19172.8, 19196.1, 1.2, 0.6, 1800.5, 1788)],
        [typeof(Models.Validation.LikelihoodRatioTest)] = [new Models.Validation.LikelihoodRatioTest(12.34, 1, 0.00044), new Models.Validation.LikelihoodRatioTest(0, 2, 1)],
        [typeof(CustomerMetrics.Surveys.NpsHomogeneityTest)] = [new CustomerMetrics.Surveys.NpsHomogeneityTest(7.5, 4, 0.11)],
        [typeof(CustomerMetrics.Surveys.NpsTrend)] = [new CustomerMetrics.Surveys.NpsTrend(0.8, 0.3, 6)],
        [typeof(CustomerMetrics.Surveys.NpsPairwiseDifference)] = [PairSample(0, 1), PairSample(1, 2)],
        [typeof(CustomerMetrics.Surveys.NpsSegmentComparison)] = [new CustomerMetrics.Surveys.NpsSegmentComparison(3, [PairSample(0, 1), PairSample(0, 2), PairSample(1, 2)],
            new CustomerMetrics.Surveys.NpsHomogeneityTest(7.5, 4, 0.11))],
        [typeof(CustomerMetrics.Loyalty.SpendComparison)] = [new CustomerMetrics.Loyalty.SpendComparison(
            CustomerMetrics.Loyalty.SpendSummary.Of([10.0, 20, 0, 35]), CustomerMetrics.Loyalty.SpendSummary.Of([5.0, 15, 8]))],
        [typeof(CustomerMetrics.Loyalty.ProgrammeReport)] = [new CustomerMetrics.Loyalty.ProgrammeReport(new CustomerMetrics.Loyalty.SpendComparison(
            CustomerMetrics.Loyalty.SpendSummary.Of([10.0, 20, 0, 35]), CustomerMetrics.Loyalty.SpendSummary.Of([5.0, 15, 8])), new RetentionComparison(56, 70, 48, 80))],
        [typeof(CustomerMetrics.Service.QuantileSketch)] = [SketchSample([0.0, 1.5, 2, 250, 3e4]), SketchSample([.. Enumerable.Range(1, 500).Select(i => i * 0.37)])],
        [typeof(Models.Validation.TrackingSeries)] = [new Models.Validation.TrackingSeries([new(1997, 10, 7), new(1997, 10, 14)], [10, 12], [11.5, 11.25], [10, 22], [11.5, 22.75])],
        [typeof(Models.Validation.HoldoutByFrequency)] = [new Models.Validation.HoldoutByFrequency([0, 1, 2], [1411, 439, 507], [0.24, 0.7, double.NaN], [0.23, 0.72, double.NaN])],
        [typeof(Models.Validation.PurchaseHistogram)] = [new Models.Validation.PurchaseHistogram([0, 1, 2], [1411, 439, 507], [1398.1, 463.4, 495.5])],
        [typeof(CustomerMetrics.Loyalty.ProgrammeRoi)] = [new CustomerMetrics.Loyalty.ProgrammeRoi(100, 5.5, new ConfidenceInterval(1.5, 9.5, 0.95), 0.3, 200)],
        [typeof(GiniResult)] = [new GiniResult(4, 10, 10, 0.01), new GiniResult(2, 0, 0, double.NaN)],
        [typeof(NpsGroupValue)] = [ValueByNps.Calculate([9, 7, 0, 10], [300, 50, 40, 0])],
        [typeof(CesComparison)] = [new CesComparison(new CesResult(CesScale.SevenPointAgreement, [1, 2, 3, 4, 5, 6, 7], 2), new CesResult(CesScale.SevenPointAgreement, [0, 0, 1, 4, 2, 0, 1])),
            new CesComparison(default, new CesResult(CesScale.FivePointEffort, [0, 0, 1, 0, 0]))],
        [typeof(CsatComparison)] = [new CsatComparison(new CsatResult(5, 2, [0, 0, 14, 56, 0]), new CsatResult(5, 2, [0, 0, 32, 48, 0], 3)),
            new CsatComparison(new CsatResult(10, 3, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1]), default)],
        [typeof(ScoreParseResult)] = [new ScoreParseResult(10, 1, 2, 3, 4, 5), new ScoreParseResult(7, 0, 0, 0, 0, 0)],
        [typeof(CohortFitRow)] = [CohortProjectionSample().Fit.Cohorts[0], CohortProjectionSample().Fit.Cohorts[3]],
        [typeof(CohortRetentionFit)] = [CohortProjectionSample().Fit],
        [typeof(CohortProjectionPoint)] = [CohortProjectionSample().Points[5], CohortProjectionSample().Average[2]],
        [typeof(CohortValue)] = [CohortProjectionSample().Values[1], CohortProjectionSample().Total],
        [typeof(CohortProjection)] = [CohortProjectionSample()],
    };

    private static Models.ModelFitInfo FitSample => new(Models.ModelFitMethod.Bfgs, 23, 40, true, 1e-9);

    /// <summary>Four cohorts (Fader and Hardie's regular customers and three younger ones), revenue 10 per active customer, projected 6 periods.</summary>
    private static CohortProjection CohortProjectionSample() => CohortRetentionModel.Project(new CohortTable(0, 3, [1000, 800, 900, 700],
        [1000, 631, 468, 382, 800, 510, 380, 0, 900, 560, 0, 0, 700, 0, 0, 0],
        [10000.0, 6310, 4680, 3820, 8000, 5100, 3800, 0, 9000, 5600, 0, 0, 7000, 0, 0, 0]), 6);

    private static CustomerMetrics.Surveys.NpsPairwiseDifference PairSample(int first, int second) => new(first, second, new NpsComparison(10, 4.2), 0.04, 0.06);

    private static CustomerMetrics.Service.QuantileSketch SketchSample(double[] values)
    {
        var sketch = new CustomerMetrics.Service.QuantileSketch(0.01);
        sketch.Add(values);
        return sketch;
    }

    private static LedgerPeriod LedgerSample()
    {
        static SubscriptionRecord<string, string> Row(string customer, DateOnly start, DateOnly? end, decimal price) =>
            new() { CustomerKey = customer, SubscriptionKey = customer, Start = start, EndsOn = end, Price = price };
        var ledger = SubscriptionLedger.Build(
            [Row("A", new(2024, 1, 1), new(2024, 2, 15), 10), Row("B", new(2024, 1, 1), null, 40), Row("C", new(2024, 2, 3), null, 25)], new DateOnly(2024, 2, 29));
        return ledger.PeriodOf(new DateOnly(2024, 2, 1));
    }

    /// <summary>Every exported type; a generic money type <c>X&lt;T&gt;</c> closed over decimal and double.</summary>
    public static TheoryData<Type> PublicTypes() =>
    [
        .. Library.GetExportedTypes()
            .SelectMany(t => t.IsGenericTypeDefinition && t.GetGenericArguments().Length == 1
                ? new[] { t.MakeGenericType(typeof(decimal)), t.MakeGenericType(typeof(double)) }
                : [t])
            .OrderBy(t => t.ToString(), StringComparer.Ordinal),
    ];

    public static TheoryData<Type> JsonTypes() => [.. RegisteredTypes()];

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void Every_type_with_an_addition_operator_has_a_named_Add(Type type)
    {
        MethodInfo? plus = type.GetMethod("op_Addition", BindingFlags.Public | BindingFlags.Static, [type, type]);
        if (plus is null)
        {
            return;
        }

        MethodInfo? add = type.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, [type, type]);
        Assert.True(add is not null && add.ReturnType == plus.ReturnType, $"{type.Name} has operator + but no static {type.Name} Add({type.Name}, {type.Name}).");
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void Default_is_the_identity_of_the_merge(Type type)
    {
        MethodInfo? plus = type.GetMethod("op_Addition", BindingFlags.Public | BindingFlags.Static, [type, type]);
        if (plus is null || !type.IsValueType)
        {
            return;
        }

        Assert.True(Samples.TryGetValue(type, out object[]? values), $"{type.Name} has operator +: add sample values to ConsistencyTests.Samples.");
        object empty = Activator.CreateInstance(type)!;
        foreach (object value in values!)
        {
            Assert.Equal(value, plus.Invoke(null, [empty, value]));
            Assert.Equal(value, plus.Invoke(null, [value, empty]));
        }

        Assert.Equal(empty, plus.Invoke(null, [empty, empty]));
    }

    [Fact]
    public void Every_result_type_with_an_addition_operator_or_a_JSON_constructor_is_registered_in_the_context()
    {
        HashSet<Type> registered = [.. RegisteredTypes()];
        foreach (Type type in Library.GetExportedTypes().Where(t => (t.IsValueType || t.IsClass) && !t.IsEnum && !t.IsGenericTypeDefinition))
        {
            bool isResult = type.GetMethod("op_Addition", BindingFlags.Public | BindingFlags.Static, [type, type]) is not null
                || type.GetConstructors().Any(c => c.IsDefined(typeof(System.Text.Json.Serialization.JsonConstructorAttribute)));
            Assert.True(!isResult || registered.Contains(type), $"{type.Name} is a result type but not registered in CustomerMetricsJsonContext.");
        }
    }

    [Theory]
    [MemberData(nameof(JsonTypes))]
    public void Every_registered_type_round_trips_default_included_through_the_context_and_host_options(Type type)
    {
        JsonTypeInfo info = CustomerMetricsJsonContext.Default.GetTypeInfo(type)!;
        var host = CustomerMetricsJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.True(Samples.TryGetValue(type, out object[]? samples), $"Add sample values of {type.Name} to ConsistencyTests.Samples.");
        var values = new List<object>(samples!);
        if (type.IsValueType && !DefaultIsNotAValue.ContainsKey(type))
        {
            values.Add(Activator.CreateInstance(type)!);
        }

        foreach (object value in values)
        {
            string json = JsonSerializer.Serialize(value, info);
            object? back = JsonSerializer.Deserialize(json, info);
            string hosted = JsonSerializer.Serialize(value, type, host);
            object? hostedBack = JsonSerializer.Deserialize(hosted, type, host);
            if (type.IsValueType)
            {
                Assert.Equal(value, back);
                Assert.Equal(value, hostedBack);
            }
            else
            {
                // Classes without value equality: the document read back writes the same document.
                Assert.Equal(json, JsonSerializer.Serialize(back, info));
                Assert.Equal(hosted, JsonSerializer.Serialize(hostedBack, type, host));
            }
        }
    }

    [Theory]
    [MemberData(nameof(JsonTypes))]
    public void An_invalid_default_is_rejected_when_read_back_naming_the_member(Type type)
    {
        if (!DefaultIsNotAValue.ContainsKey(type))
        {
            return;
        }

        Assert.True(type.IsValueType, $"{type.Name} is declared to have an invalid default but is not a value type.");
        JsonTypeInfo info = CustomerMetricsJsonContext.Default.GetTypeInfo(type)!;
        // Writing may already throw (a derived property of an invalid value); otherwise reading it back throws.
        var e = Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Deserialize(JsonSerializer.Serialize(Activator.CreateInstance(type)!, info), info));
        Assert.Contains(e.ParamName ?? "", MemberNames(type));
    }

    /// <summary>
    /// The rule for <c>with</c>: a public <c>set</c> or <c>init</c> accessor is allowed only when it validates. Each
    /// accessor of every sample is given hostile values (−1, NaN, ±∞, the type's extremes, an undefined enum, null,
    /// <c>default</c> of a struct member): it either throws an <see cref="ArgumentException"/> naming the member, or the
    /// value it made is one the validating constructor accepts (it reads back from its own JSON unchanged).
    /// </summary>
    [Theory]
    [MemberData(nameof(JsonTypes))]
    public void With_and_init_cannot_make_a_value_the_constructor_rejects(Type type)
    {
        if (!type.IsValueType)
        {
            return;
        }

        JsonTypeInfo info = CustomerMetricsJsonContext.Default.GetTypeInfo(type)!;
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            Assert.True(Samples.TryGetValue(type, out object[]? samples), $"Add sample values of {type.Name} to ConsistencyTests.Samples.");
            foreach (object sample in samples!)
            {
                foreach (object? hostile in HostileValues(property.PropertyType))
                {
                    object copy = RuntimeHelpers.GetObjectValue(sample);
                    try
                    {
                        property.SetValue(copy, hostile);
                    }
                    catch (TargetInvocationException e) when (e.InnerException is ArgumentException a)
                    {
                        Assert.True(a.ParamName == property.Name, $"{type.Name}.{property.Name} rejected {hostile} naming '{a.ParamName}'.");
                        continue;
                    }

                    string json = JsonSerializer.Serialize(copy, info);
                    object? back = null;
                    Exception? error = Record.Exception(() => back = JsonSerializer.Deserialize(json, info));
                    Assert.True(error is null, $"with {{ {property.Name} = {hostile} }} made a {type.Name} its constructor rejects: {error?.Message}");
                    Assert.Equal(copy, back);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(JsonTypes))]
    public void Registered_types_with_doubles_write_nan_by_name_under_any_options(Type type)
    {
        bool hasDouble = type.GetProperties().Any(p => p.PropertyType == typeof(double) || p.PropertyType == typeof(double?));
        if (!hasDouble)
        {
            return;
        }

        var handling = type.GetCustomAttribute<System.Text.Json.Serialization.JsonNumberHandlingAttribute>();
        Assert.True(handling is not null && handling.Handling.HasFlag(System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals),
            $"{type.Name} has double members but no [JsonNumberHandling(AllowNamedFloatingPointLiterals)]: NaN fails under a host's options.");
    }

    [Theory]
    [MemberData(nameof(PublicTypes))]
    public void Every_public_constructor_rejects_a_negative_count(Type type)
    {
        if (type.IsAbstract)
        {
            return;
        }

        // The other arguments come from a valid sample where one is registered, so only the negative count is wrong.
        object? sample = Samples.TryGetValue(type, out object[]? samples) ? samples[0] : null;
        foreach (ConstructorInfo constructor in type.GetConstructors())
        {
            ParameterInfo[] parameters = constructor.GetParameters();
            for (int i = 0; i < parameters.Length; i++)
            {
                if (parameters[i].ParameterType is not { } t || (t != typeof(long) && t != typeof(int)) || !CountName().IsMatch(parameters[i].Name!))
                {
                    continue;
                }

                object?[] args = parameters.Select(p => Argument(p, sample)).ToArray();
                args[i] = t == typeof(long) ? -1L : -1;
                var e = Assert.Throws<TargetInvocationException>(() => constructor.Invoke(args));
                ArgumentException inner = Assert.IsAssignableFrom<ArgumentException>(e.InnerException);
                Assert.Equal(parameters[i].Name, inner.ParamName);
            }
        }
    }

    private static object? Argument(ParameterInfo parameter, object? sample)
    {
        Type t = parameter.ParameterType;
        PropertyInfo? same = sample?.GetType().GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (same is not null && same.GetIndexParameters().Length == 0)
        {
            object? value = same.GetValue(sample);
            if (value is null ? !t.IsValueType || Nullable.GetUnderlyingType(t) is not null : t.IsInstanceOfType(value))
            {
                return value;
            }
        }

        if (t == typeof(IReadOnlyList<long>))
        {
            return Array.Empty<long>();
        }

        return t.IsValueType ? Activator.CreateInstance(t) : null;
    }

    private static IEnumerable<object?> HostileValues(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        if (t != type)
        {
            yield return null;
        }

        if (t == typeof(double))
        {
            foreach (double v in new[] { -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, 0.0 })
            {
                yield return v;
            }
        }
        else if (t == typeof(decimal))
        {
            yield return -1m;
            yield return decimal.MaxValue;
        }
        else if (t == typeof(int))
        {
            yield return -1;
            yield return int.MaxValue;
        }
        else if (t == typeof(long))
        {
            yield return -1L;
            yield return long.MaxValue;
        }
        else if (t.IsEnum)
        {
            yield return Enum.ToObject(t, 999);
        }
        else if (t == typeof(string))
        {
            yield return null;
        }
        else if (t.IsValueType)
        {
            yield return Activator.CreateInstance(t);
        }
    }

    /// <summary>The names of the type's properties and constructor parameters, and those of its members' types.</summary>
    private static HashSet<string> MemberNames(Type type)
    {
        PropertyInfo[] properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return
        [
            .. properties.Select(p => p.Name),
            .. type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name!),
            .. properties.Where(p => p.PropertyType.Assembly == Library).SelectMany(p => p.PropertyType.GetConstructors().SelectMany(c => c.GetParameters()).Select(q => q.Name!)),
        ];
    }

    private static IEnumerable<Type> RegisteredTypes() =>
        typeof(CustomerMetricsJsonContext).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .Where(t => t.Assembly == Library && !t.IsEnum)
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [GeneratedRegex("^(count|rejected|promoters|passives|detractors|transactions|retained.*|.*Customers|.*Count|customers.*|excluded.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex CountName();
}
