using System.Text.Json;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Serialization;

/// <summary>
/// Plugs the library's JSON metadata into a host's own <see cref="JsonSerializerOptions"/> (an ASP.NET Core app's
/// <c>JsonOptions.SerializerOptions</c>, a message bus, a cache), with the same strict reading as
/// <see cref="CustomerMetricsJsonContext"/>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.ConfigureHttpJsonOptions(o =&gt; CustomerMetricsJson.Configure(o.SerializerOptions));
/// </code>
/// </example>
public static class CustomerMetricsJson
{
    /// <summary>
    /// Adds <see cref="CustomerMetricsJsonContext.Default"/> to the end of <paramref name="options"/>'
    /// <see cref="JsonSerializerOptions.TypeInfoResolverChain"/> (the host's own resolvers keep precedence) and sets
    /// <see cref="JsonSerializerOptions.AllowDuplicateProperties"/> to <see langword="false"/> and
    /// <see cref="JsonSerializerOptions.RespectRequiredConstructorParameters"/> to <see langword="true"/>, so that a
    /// document missing a field or repeating one throws <see cref="JsonException"/>. These two settings apply to every
    /// type the options read, not only to this library's. NaN and ±∞ are written as strings by every result type
    /// whatever the options' number handling.
    /// </summary>
    /// <param name="options">The host's options; not yet used for (de)serialisation (System.Text.Json freezes options on first use).</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="options"/> is read-only (already used).</exception>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsReadOnly)
        {
            ThrowHelper.InvalidOperation("These JsonSerializerOptions are read-only (already used for serialisation); configure them before first use.");
        }

        if (!options.TypeInfoResolverChain.Contains(CustomerMetricsJsonContext.Default))
        {
            options.TypeInfoResolverChain.Add(CustomerMetricsJsonContext.Default);
        }

        options.AllowDuplicateProperties = false;
        options.RespectRequiredConstructorParameters = true;
        return options;
    }
}
