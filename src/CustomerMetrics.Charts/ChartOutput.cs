using ScottPlot;

namespace CustomerMetrics.Charts;

/// <summary>
/// Saves and renders the charts of this package (any ScottPlot <see cref="Plot"/>) as PNG or SVG. The charts already
/// carry their title and axis labels with units; these helpers only fix the size and make sure a font is available.
/// </summary>
/// <remarks><threadsafety>Each call renders its own plot; do not render one plot from two threads at once (ScottPlot
/// plots are not thread-safe).</threadsafety></remarks>
public static class ChartOutput
{
    /// <summary>Default image width in pixels (800).</summary>
    public const int DefaultWidth = 800;

    /// <summary>Default image height in pixels (500).</summary>
    public const int DefaultHeight = 500;

    /// <summary>Saves <paramref name="plot"/> as a PNG file.</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="path">The file to write (overwritten if it exists); its directory must exist.</param>
    /// <param name="width">Width in pixels, 1..10000.</param>
    /// <param name="height">Height in pixels, 1..10000.</param>
    /// <returns>The full path of the file written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 1..10000.</exception>
    public static string SavePng(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        byte[] bytes = PngBytes(plot, width, height);
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, bytes);
        return Path.GetFullPath(path);
    }

    /// <summary>Saves <paramref name="plot"/> as an SVG file (text as SVG text elements, so titles and labels stay searchable).</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="path">The file to write (overwritten if it exists); its directory must exist.</param>
    /// <param name="width">Width in pixels, 1..10000.</param>
    /// <param name="height">Height in pixels, 1..10000.</param>
    /// <returns>The full path of the file written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 1..10000.</exception>
    public static string SaveSvg(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        string svg = SvgXml(plot, width, height);
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, svg);
        return Path.GetFullPath(path);
    }

    /// <summary>Renders <paramref name="plot"/> to PNG bytes (e.g. for a notebook's display or an HTTP response).</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="width">Width in pixels, 1..10000.</param>
    /// <param name="height">Height in pixels, 1..10000.</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 1..10000.</exception>
    public static byte[] PngBytes(Plot plot, int width = DefaultWidth, int height = DefaultHeight)
    {
        Check(plot, width, height);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Renders <paramref name="plot"/> to an SVG document.</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="width">Width in pixels, 1..10000.</param>
    /// <param name="height">Height in pixels, 1..10000.</param>
    /// <returns>The SVG document (XML text).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 1..10000.</exception>
    public static string SvgXml(Plot plot, int width = DefaultWidth, int height = DefaultHeight)
    {
        Check(plot, width, height);
        return plot.GetSvgXml(width, height);
    }

    private static void Check(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 10000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 10000);
        ChartFonts.EnsureAvailable();
    }
}
