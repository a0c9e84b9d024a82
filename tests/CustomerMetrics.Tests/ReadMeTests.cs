using System.Text.RegularExpressions;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.Tests;

/// <summary>
/// Keeps the README's code honest (after nietras/Sep's ReadMeTest): the examples run in tests, and the README must hold
/// them verbatim, so an example that stops compiling or changes meaning fails the build or a test. A snippet is the
/// code between <c>// README name begin</c> and <c>// README name end</c> markers in any test file; every C# block of
/// the README and of the package README must be one of them (after its <c>using</c> lines), so a new block cannot be
/// added without a test.
/// </summary>
public partial class ReadMeTests
{
    /// <summary>The markdown files whose C# blocks must all be snippets, relative to the repository root.</summary>
    public static TheoryData<string> Documents => new() { "README.md", "src/CustomerMetrics/PACKAGE.md" };

    [Fact]
    public void Quick_example_runs_and_is_the_one_in_the_readme()
    {
        // README quick example begin
        var output = Console.Out;
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
        Assert.Equal(10, both.Score, 12);      // 8 promoters, 6 detractors of 20
        Assert.Equal(20, change.Difference, 12);
        Assert.True(ci.Contains(nps.Score));
        Assert.Contains(Snippet("README quick example"), ReadMe(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_is_a_snippet_run_by_a_test(string document)
    {
        Dictionary<string, string> snippets = AllSnippets();
        var uncovered = new List<string>();
        foreach (string block in CSharpBlocks(Read(document)))
        {
            string code = WithoutUsings(block);
            if (!snippets.Values.Contains(code))
            {
                uncovered.Add(code.Split('\n')[0]);
            }
        }

        Assert.True(uncovered.Count == 0,
            $"{document}: C# blocks not found verbatim (after their using lines) between // README name begin/end markers in a test: first lines {string.Join(" | ", uncovered)}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_using_in_a_csharp_block_names_a_namespace_of_the_library(string document)
    {
        HashSet<string?> namespaces = typeof(ConfidenceInterval).Assembly.GetExportedTypes().Select(t => t.Namespace).ToHashSet();
        string[] missing = CSharpBlocks(Read(document))
            .SelectMany(block => block.Split('\n'))
            .Select(line => UsingLine().Match(line))
            .Where(m => m.Success && m.Groups[1].Value.StartsWith("CustomerMetrics", StringComparison.Ordinal))
            .Select(m => m.Groups[1].Value)
            .Where(ns => !namespaces.Contains(ns))
            .Distinct()
            .ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_coverage_check_sees_the_blocks_and_snippets()
    {
        // The checks above must be able to fail: the README has C# blocks and the tests hold markers.
        Assert.True(CSharpBlocks(ReadMe()).Count() >= 4);
        Assert.True(AllSnippets().Count >= 4);
        Assert.DoesNotContain(WithoutUsings("using A;\n\nvar x = 1;"), AllSnippets().Values);
    }

    internal static string ReadMe() => Read("README.md");

    private static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(TestData.RepositoryRoot, relativePath)).ReplaceLineEndings("\n");

    /// <summary>The bodies of the ```csharp blocks of a markdown text, without the fences.</summary>
    internal static IEnumerable<string> CSharpBlocks(string markdown)
    {
        string[] lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() is "```csharp" or "```cs" or "```c#")
            {
                int end = Array.FindIndex(lines, i + 1, line => line.Trim() == "```");
                yield return string.Join('\n', lines[(i + 1)..end]);
                i = end;
            }
        }
    }

    /// <summary>A block without its leading <c>using</c> directives and blank lines, and without trailing blank lines.</summary>
    internal static string WithoutUsings(string block)
    {
        string[] lines = block.Split('\n');
        int first = 0;
        while (first < lines.Length && (lines[first].Trim().Length == 0 || UsingLine().IsMatch(lines[first])))
        {
            first++;
        }

        return string.Join('\n', lines[first..]).TrimEnd();
    }

    /// <summary>The lines between the begin and end markers in the test sources, with the common indentation removed.</summary>
    /// <remarks>
    /// The files are found from the repository root, not [CallerFilePath]: CI builds are deterministic and map source
    /// paths to /_/. A marker must occur once in all the test sources.
    /// </remarks>
    internal static string Snippet(string marker) =>
        AllSnippets().TryGetValue(marker, out string? snippet)
            ? snippet
            : throw new InvalidOperationException($"No '// {marker} begin' / '// {marker} end' pair in the test sources.");

    private static Dictionary<string, string> AllSnippets()
    {
        string root = Path.Combine(TestData.RepositoryRoot, "tests");
        var snippets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
            {
                continue;
            }

            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                Match begin = MarkerLine().Match(lines[i]);
                if (!begin.Success || begin.Groups[2].Value != "begin")
                {
                    continue;
                }

                string name = begin.Groups[1].Value;
                int end = Array.FindIndex(lines, i + 1, line => line.Trim() == $"// {name} end");
                if (end < 0)
                {
                    throw new InvalidOperationException($"{relative}: '// {name} begin' without '// {name} end'.");
                }

                if (!snippets.TryAdd(name, Dedent(lines[(i + 1)..end])))
                {
                    throw new InvalidOperationException($"{relative}: the marker '{name}' occurs twice in the test sources.");
                }
            }
        }

        return snippets;
    }

    private static string Dedent(string[] body)
    {
        int indent = body.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
        return string.Join('\n', body.Select(line => line.Length >= indent ? line[indent..] : line.Trim())).TrimEnd();
    }

    [GeneratedRegex(@"^\s*// (README [^\n]*?) (begin|end)\s*$")]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?([A-Za-z0-9_.]+)\s*;\s*$")]
    private static partial Regex UsingLine();
}
