using System.Security;
using ScottPlot;
using SkiaSharp;

namespace CustomerMetrics.Charts.Tests;

/// <summary>Renders a chart and checks what any chart must have: size, ink in the data area, title and labels in the SVG.</summary>
internal static class ChartCheck
{
    public const int Width = 640;
    public const int Height = 400;

    /// <summary>Pixels inside the data area whose colour is saturated (max − min channel &gt; 40): data, not grey grid or
    /// black axes and text.</summary>
    public static int ColouredDataPixels(Plot plot, out int dataPixels)
    {
        byte[] png = ChartOutput.PngBytes(plot, Width, Height);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal(Width, bitmap.Width);
        Assert.Equal(Height, bitmap.Height);
        PixelRect rect = plot.RenderManager.LastRender.DataRect;
        int coloured = 0;
        dataPixels = 0;
        for (int y = (int)Math.Ceiling(rect.Top); y < (int)rect.Bottom; y++)
        {
            for (int x = (int)Math.Ceiling(rect.Left); x < (int)rect.Right; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                dataPixels++;
                int max = Math.Max(c.Red, Math.Max(c.Green, c.Blue)), min = Math.Min(c.Red, Math.Min(c.Green, c.Blue));
                if (c.Alpha > 0 && max - min > 40)
                {
                    coloured++;
                }
            }
        }

        return coloured;
    }

    /// <summary>All checks: PNG size, at least 200 coloured pixels in the data area (an empty plot has none), SVG with the title and both axis labels.</summary>
    public static void Rendered(Plot plot, string title, string xLabel, string yLabel)
    {
        int coloured = ColouredDataPixels(plot, out int dataPixels);
        Assert.True(dataPixels > 10000, $"data area of {dataPixels} pixels");
        Assert.True(coloured >= 200, $"{coloured} coloured pixels of {dataPixels} in the data area");
        string svg = ChartOutput.SvgXml(plot, Width, Height);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        foreach (string text in new[] { title, xLabel, yLabel })
        {
            Assert.Contains(SecurityElement.Escape(text), svg, StringComparison.Ordinal);
        }

        Assert.Equal(title, plot.Axes.Title.Label.Text);
        Assert.Equal(xLabel, plot.Axes.Bottom.Label.Text);
        Assert.Equal(yLabel, plot.Axes.Left.Label.Text);
    }
}
