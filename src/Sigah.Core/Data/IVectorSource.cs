namespace Sigah.Core.Data;

/// <summary>
/// Rows of a vector file read block by block, so large files need not be loaded whole. Values arrive as float32,
/// scaled as the reader's options asked (Sigah.IO's <c>VectorReadOptions</c>), and checked: a bad row raises a
/// <see cref="Sigah.Core.UserInputException"/> naming the file and the row.
/// </summary>
public interface IVectorSource : IDisposable
{
    /// <summary>Number of rows available (already limited by the options' <c>MaxRows</c>).</summary>
    int Rows { get; }

    /// <summary>Values per row.</summary>
    int Dimension { get; }

    /// <summary>The file name (and dataset, for HDF5), for messages.</summary>
    string Name { get; }

    /// <summary>True when <see cref="ReadRows"/> may be called from several threads at once.</summary>
    bool ConcurrentReads { get; }

    /// <summary>
    /// Copies rows <paramref name="start"/> .. start+count into <paramref name="destination"/>, which must hold
    /// <c>count * Dimension</c> values (row-major).
    /// </summary>
    void ReadRows(int start, int count, Span<float> destination);
}
