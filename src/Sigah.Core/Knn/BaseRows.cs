using Sigah.Core.Data;

namespace Sigah.Core.Knn;

/// <summary>The base vectors of a search, in memory or streamed from a file, read by blocks and by single rows.</summary>
internal abstract class BaseRows
{
    public abstract int Rows { get; }
    public abstract int Dimension { get; }

    /// <summary>True when <see cref="Row"/> may be called from several threads at once.</summary>
    public abstract bool ConcurrentReads { get; }

    /// <summary>True when blocks are views of memory, so reading them costs nothing.</summary>
    public abstract bool InMemory { get; }

    /// <summary>
    /// Rows start..start+count, row-major: a view of memory, or <paramref name="scratch"/> filled from the file
    /// on up to <paramref name="threads"/> threads.
    /// </summary>
    public abstract ReadOnlyMemory<float> Block(int start, int count, float[] scratch, int threads);

    /// <summary>Row <paramref name="id"/>, as a view or copied into <paramref name="scratch"/> (length ≥ Dimension).</summary>
    public abstract ReadOnlySpan<float> Row(int id, float[] scratch);

    public static BaseRows Of(FloatMatrix m) => new Resident(m);
    public static BaseRows Of(IVectorSource s) => new Streamed(s);

    private sealed class Resident(FloatMatrix m) : BaseRows
    {
        public override int Rows => m.Rows;
        public override int Dimension => m.Cols;
        public override bool ConcurrentReads => true;
        public override bool InMemory => true;
        public override ReadOnlyMemory<float> Block(int start, int count, float[] scratch, int threads) =>
            m.Data.AsMemory(start * m.Cols, count * m.Cols);
        public override ReadOnlySpan<float> Row(int id, float[] scratch) => m.Row(id);
    }

    private sealed class Streamed(IVectorSource s) : BaseRows
    {
        public override int Rows => s.Rows;
        public override int Dimension => s.Dimension;
        public override bool ConcurrentReads => s.ConcurrentReads;
        public override bool InMemory => false;

        public override ReadOnlyMemory<float> Block(int start, int count, float[] scratch, int threads)
        {
            ParallelRowReader.Read(s, start, count, scratch, threads);
            return scratch.AsMemory(0, count * s.Dimension);
        }

        public override ReadOnlySpan<float> Row(int id, float[] scratch)
        {
            var row = scratch.AsSpan(0, s.Dimension);
            s.ReadRows(id, 1, row);
            return row;
        }
    }
}
