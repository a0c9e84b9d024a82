using ScottPlot;

namespace CustomerMetrics.Charts.Tests;

public class ChartCheckTests
{
    [Fact]
    public void An_empty_plot_has_no_coloured_data_pixels_so_the_check_can_fail()
    {
        var plot = new Plot();
        plot.Title("Empty");
        Assert.Equal(0, ChartCheck.ColouredDataPixels(plot, out int area));
        Assert.True(area > 10000);
    }

    [Fact]
    public void The_font_draws_glyphs_so_png_text_is_visible()
    {
        string family = ChartFonts.Current;
        SkiaSharp.SKTypeface typeface = Fonts.GetTypeface(family, bold: false, italic: false);
        Assert.True(typeface.GlyphCount > 0, $"font '{family}' has no glyphs");
        Assert.True(typeface.ContainsGlyph('A'));
    }

    [Fact]
    public void Files_are_written_with_the_asked_size()
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 1, 4, 9 });
        plot.Title("Squares");
        string dir = Directory.CreateTempSubdirectory("charts").FullName;
        try
        {
            string png = ChartOutput.SavePng(plot, Path.Combine(dir, "a.png"), 320, 200);
            string svg = ChartOutput.SaveSvg(plot, Path.Combine(dir, "a.svg"), 320, 200);
            using SkiaSharp.SKBitmap bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.Equal((320, 200), (bitmap.Width, bitmap.Height));
            Assert.Contains("Squares", File.ReadAllText(svg), StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => ChartOutput.PngBytes(plot, 0, 200));
            Assert.Throws<ArgumentNullException>(() => ChartOutput.SvgXml(null!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
