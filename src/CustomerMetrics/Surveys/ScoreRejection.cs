using System.Text.Json.Serialization;

namespace CustomerMetrics.Surveys;

/// <summary>Why <see cref="ScoreText"/> did not read a score from an exported answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScoreRejection>))]
public enum ScoreRejection
{
    /// <summary>Not rejected: the answer was read as a score.</summary>
    None = 0,

    /// <summary>Empty, null or only whitespace.</summary>
    Blank = 1,

    /// <summary>Text that does not start with a number: "N/A", "Don't know", "Prefer not to say".</summary>
    NoNumber = 2,

    /// <summary>A decimal number such as "7.5" or "7,5": scores are whole numbers.</summary>
    NotAnInteger = 3,

    /// <summary>A whole number off the scale ("11" on 0–10, "-1"), or a fraction over another maximum ("4/5" on 0–10).</summary>
    OutOfScale = 4,

    /// <summary>A number run into other text with no separator ("9abc", "10x").</summary>
    Malformed = 5,
}
