using Sigah.Core;
namespace Sigah.IO;

/// <summary>
/// Checks that a file holds exactly the rows its header promises, before anything is allocated from the header:
/// a short file names the first row that is cut off, a long one says how many bytes are left over.
/// </summary>
internal static class RowLayoutCheck
{
    /// <summary>
    /// Throws unless <paramref name="available"/> data bytes are exactly <paramref name="rows"/> rows of
    /// <paramref name="rowBytes"/> bytes. <paramref name="header"/> says what the header claimed, e.g.
    /// <c>header says 5 rows of dimension 3</c>.
    /// </summary>
    public static void Exact(string path, long available, long rows, Int128 rowBytes, string header)
    {
        Int128 needed = rows * rowBytes;
        if (available < needed)
            throw UserInputException.ForFile(path, $"row {(long)(available / rowBytes)} is truncated ({header})");
        if (available > needed)
            throw UserInputException.ForFile(path, $"{(long)(available - needed)} bytes follow the last row ({header})");
    }
}
