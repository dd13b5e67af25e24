namespace Sigah.Core.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with its content on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Full path of the directory.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("sigah-test-").FullName;

    /// <summary>Full path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
