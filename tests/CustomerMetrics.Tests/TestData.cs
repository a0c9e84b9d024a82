namespace CustomerMetrics.Tests;

/// <summary>Locates the reference data kept in the repository under <c>tests/CustomerMetrics.Tests/Data</c> (copied to the test output folder).</summary>
internal static class TestData
{
    /// <summary>The repository root: the nearest ancestor of the test binaries that holds CustomerMetrics.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The CDNOW folder in the test output (<c>Data/Cdnow</c>; see <c>Data/README.md</c> for source and licence).</summary>
    public static string CdnowDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "Cdnow");

    /// <summary>The full path of a file in the CDNOW folder; throws with the path tried when it is missing.</summary>
    public static string Cdnow(string fileName)
    {
        string path = Path.Combine(CdnowDirectory, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Reference data not found at {path}: tests/CustomerMetrics.Tests/Data is copied to the output folder by the project file.", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CustomerMetrics.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No CustomerMetrics.sln above {AppContext.BaseDirectory}.");
    }
}
