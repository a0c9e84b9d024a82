using CustomerMetrics.Surveys;

namespace CustomerMetrics.Tests;

/// <summary>
/// Keeps the README's code honest (after nietras/Sep's ReadMeTest): the examples run here, and the README must hold
/// them verbatim, so an example that stops compiling or changes meaning fails the build or this test.
/// </summary>
public class ReadMeTests
{
    [Fact]
    public void Quick_example_runs_and_is_the_one_in_the_readme()
    {
        var output = new StringWriter();
        // README quick example begin
        byte[] thisQuarter = [10, 9, 9, 8, 7, 6, 3, 10, 9, 0];
        byte[] lastQuarter = [9, 8, 7, 6, 5, 10, 9, 2, 8, 7];
        NpsResult nps = Nps.Calculate(thisQuarter);            // vectorised, allocation-free
        ConfidenceInterval ci = nps.Interval(0.95);            // adjusted Wald (Rocks 2016), in points
        NpsResult previous = Nps.Calculate(lastQuarter);
        NpsResult both = nps + previous;                       // results merge exactly across partitions
        NpsComparison change = Nps.Compare(nps, previous);     // difference, SE, z, two-sided p
        output.WriteLine($"{nps}; 95 % CI {ci}");
        output.WriteLine($"{both}; {change}");
        // README quick example end

        Assert.Equal(20, nps.Score, 12);       // 5 promoters, 3 detractors of 10
        Assert.Equal(0, previous.Score, 12);   // 3 promoters (9, 10, 9), 3 detractors (6, 5, 2)
        Assert.True(ci.Contains(nps.Score));
        Assert.Contains(Snippet("README quick example"), ReadMe(), StringComparison.Ordinal);
    }

    internal static string ReadMe() => File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");

    /// <summary>The lines between the begin and end markers of this file, with the common indentation removed.</summary>
    /// <remarks>
    /// The file is found from the repository root, not [CallerFilePath]: CI builds are deterministic and map source
    /// paths to /_/.
    /// </remarks>
    internal static string Snippet(string marker)
    {
        string[] lines = File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, "tests", "CustomerMetrics.Tests", "ReadMeTests.cs"));
        int begin = Array.FindIndex(lines, line => line.Trim() == $"// {marker} begin");
        int end = Array.FindIndex(lines, line => line.Trim() == $"// {marker} end");
        string[] body = lines[(begin + 1)..end];
        int indent = body.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
        return string.Join('\n', body.Select(line => line.Length >= indent ? line[indent..] : line.Trim()));
    }
}
