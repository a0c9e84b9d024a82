namespace CustomerMetrics.Internal;

/// <summary>The instruction-set path of <see cref="CompensatedSum"/>; tests force each one to cover them on any machine.</summary>
internal enum CompensatedSumPath
{
    /// <summary>The widest path the hardware accelerates.</summary>
    Auto,

    /// <summary>Vector512 lanes.</summary>
    Vector512,

    /// <summary>Vector256 lanes.</summary>
    Vector256,

    /// <summary>Vector128 lanes.</summary>
    Vector128,

    /// <summary>Plain scalar loop.</summary>
    Scalar,
}
