namespace CustomerMetrics.Tests;

/// <summary>Locates the shared reference data, which lives beside the repository (never copied into it).</summary>
internal static class TestData
{
    /// <summary>The repository root: the nearest ancestor of the test binaries that holds CustomerMetrics.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary><c>../shared/data/cdnow</c> relative to the repository root.</summary>
    public static string CdnowDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "cdnow"));

    /// <summary>The full path of a file in the CDNOW folder; throws with the path tried when it is missing.</summary>
    public static string Cdnow(string fileName)
    {
        string path = Path.Combine(CdnowDirectory, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Reference data not found at {path}: the tests expect ../shared/data/cdnow beside the repository.", path);
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
