using ScottPlot;

namespace CustomerMetrics.Charts;

/// <summary>
/// The font the charts draw text with. ScottPlot finds system fonts through SkiaSharp; on a minimal Linux image there
/// may be none, and text would then be drawn with an empty typeface (invisible). Before the first render this class
/// checks that ScottPlot's default font has glyphs and, if not, registers the first TrueType file it finds among
/// common locations (DejaVu Sans, Liberation Sans, Noto Sans), or the one given to <see cref="Use"/>.
/// </summary>
/// <remarks><threadsafety>Thread-safe.</threadsafety></remarks>
public static class ChartFonts
{
    private static readonly Lock Gate = new();
    private static bool _checked;

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/Library/Fonts/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
    ];

    /// <summary>Registers a TrueType font file and makes it the default font of every chart.</summary>
    /// <param name="fontFile">Path of a .ttf or .otf file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fontFile"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void Use(string fontFile)
    {
        ArgumentNullException.ThrowIfNull(fontFile);
        if (!File.Exists(fontFile))
        {
            throw new FileNotFoundException($"Font file '{fontFile}' not found.", fontFile);
        }

        lock (Gate)
        {
            const string Name = "CustomerMetrics.Charts font";
            Fonts.AddFontFile(Name, fontFile);
            Fonts.Default = Name;
            _checked = true;
        }
    }

    /// <summary>The family name charts use (ScottPlot's <c>Fonts.Default</c>) after the availability check.</summary>
    public static string Current
    {
        get
        {
            EnsureAvailable();
            return Fonts.Default;
        }
    }

    /// <summary>Makes sure the default font draws glyphs; registers a font file found on the machine when it does not.</summary>
    internal static void EnsureAvailable()
    {
        lock (Gate)
        {
            if (_checked)
            {
                return;
            }

            _checked = true;
            if (HasGlyphs(Fonts.Default))
            {
                return;
            }

            foreach (string file in Candidates)
            {
                if (File.Exists(file))
                {
                    const string Name = "CustomerMetrics.Charts font";
                    Fonts.AddFontFile(Name, file);
                    Fonts.Default = Name;
                    return;
                }
            }
        }
    }

    private static bool HasGlyphs(string family)
    {
        // ScottPlot caches typefaces: not disposed here.
        SkiaSharp.SKTypeface? typeface = Fonts.GetTypeface(family, bold: false, italic: false);
        return typeface is not null && typeface.GlyphCount > 0 && typeface.ContainsGlyph('A');
    }
}
