using System.Text.Json.Serialization;

namespace CustomerMetrics.Surveys;

/// <summary>The Customer Effort Score questionnaire a set of ratings comes from. The numeric value is the number of scale points.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CesScale>))]
public enum CesScale
{
    /// <summary>No scale: only the empty <c>default</c> <see cref="CesResult"/> has it.</summary>
    None = 0,

    /// <summary>
    /// CES 1.0 (Dixon, Freeman &amp; Toman 2010, <i>Stop Trying to Delight Your Customers</i>, HBR): "How much effort did
    /// you personally have to put forth to handle your request?", 1 (very low) to 5 (very high); lower is better.
    /// </summary>
    FivePointEffort = 5,

    /// <summary>
    /// CES 2.0 (CEB/Gartner 2013): agreement with "The company made it easy for me to handle my issue",
    /// 1 (strongly disagree) to 7 (strongly agree); higher is better.
    /// </summary>
    SevenPointAgreement = 7,
}
