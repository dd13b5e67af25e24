using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing;

/// <summary>Loads the vectors a hasher trains on from a vector file, optionally a seeded random subset of them.</summary>
internal static class TrainingSet
{
    /// <summary>
    /// Reads every row of <paramref name="spec"/> (a vector file, see <see cref="VectorFile"/>), or, when
    /// <paramref name="maxRows"/> is smaller than the file, that many distinct rows drawn uniformly with
    /// <paramref name="seed"/> and kept in file order (only those rows are read); <paramref name="maxRows"/> is at least 1
    /// when given. Values are multiplied by <paramref name="scale"/> when given.
    /// </summary>
    public static FloatMatrix Read(string spec, float? scale, int? maxRows, int seed)
    {
        if (maxRows is { } requested) ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1, nameof(maxRows));
        var options = new VectorReadOptions { Scale = scale, RequireRows = true };
        if (maxRows is not { } limit) return VectorFile.Read(spec, options);
        using var source = VectorFile.Open(spec, options);
        if (limit >= source.Rows)
        {
            var all = new FloatMatrix(source.Rows, source.Dimension);
            source.ReadRows(0, source.Rows, all.Data);
            return all;
        }
        int[] rows = RowSampling.Distinct(source.Rows, limit, new Random(seed));
        Array.Sort(rows);
        var subset = new FloatMatrix(limit, source.Dimension);
        for (int i = 0; i < limit; i++) source.ReadRows(rows[i], 1, subset.Row(i));
        return subset;
    }
}
