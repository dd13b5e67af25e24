using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Core.Progress;

namespace Sigah.Hashing;

/// <summary>Whole-matrix and whole-file helpers over <see cref="IHashModel.Encode"/>.</summary>
public static class HashModelExtensions
{
    private const int BlockRows = 4096;
    private const int SourceBlockRows = 8192;

    /// <summary>
    /// Encodes every row of <paramref name="vectors"/> (n × Dimension) into n codes, in parallel blocks.
    /// A wrong dimension or a non-finite value is a <see cref="UserInputException"/> naming <paramref name="inputName"/>.
    /// </summary>
    public static PackedCodes EncodeAll(this IHashModel model, FloatMatrix vectors, string inputName = "input")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vectors);
        CheckDimension(model, vectors.Cols, inputName);
        int bad = TrainingInput.FirstNonFiniteRow(vectors.Data, vectors.Cols);
        if (bad >= 0) throw UserInputException.ForFile(inputName, $"row {bad} has a non-finite value");
        var codes = new PackedCodes(vectors.Rows, model.Bits);
        EncodeBlock(model, vectors.Data, vectors.Rows, 0, codes);
        return codes;
    }

    /// <summary>
    /// Encodes every row of <paramref name="source"/> without holding the whole file: blocks of rows are read
    /// while the previous block is encoded. Errors name <see cref="IVectorSource.Name"/> (the source itself rejects
    /// non-finite values).
    /// </summary>
    public static PackedCodes EncodeAll(this IHashModel model, IVectorSource source, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        progress ??= NullProgress.Instance;
        CheckDimension(model, source.Dimension, source.Name);
        var codes = new PackedCodes(source.Rows, model.Bits);
        int blockRows = Math.Min(SourceBlockRows, Math.Max(1, source.Rows));
        float[] current = new float[(long)blockRows * source.Dimension], next = new float[current.Length];
        int Read(int start, float[] buffer)
        {
            int rows = Math.Min(blockRows, source.Rows - start);
            if (rows > 0) source.ReadRows(start, rows, buffer.AsSpan(0, rows * source.Dimension));
            return rows;
        }
        int currentRows = Read(0, current);
        for (int start = 0; start < source.Rows; start += blockRows)
        {
            int nextStart = start + blockRows;
            float[] target = next;
            var reading = Task.Run(() => Read(nextStart, target));
            try
            {
                EncodeBlock(model, current, currentRows, start, codes);
            }
            catch
            {
                // The caller may dispose the source as soon as this method leaves, so never leave a read running.
                reading.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
                throw;
            }
            int nextRows = reading.GetAwaiter().GetResult();
            (current, next, currentRows) = (next, current, nextRows);
            progress.Report("encode", Math.Min(nextStart, source.Rows), source.Rows);
        }
        return codes;
    }

    /// <summary>Encodes <paramref name="rows"/> vectors of <paramref name="vectors"/> into codes firstCode.. in parallel slices.</summary>
    private static void EncodeBlock(IHashModel model, float[] vectors, int rows, int firstCode, PackedCodes codes)
    {
        int d = model.Dimension, bytes = model.Bits / 8;
        int slices = (rows + BlockRows - 1) / BlockRows;
        if (slices == 1)
        {
            // One block (a server's single query, say): no tasks to start.
            model.Encode(vectors.AsSpan(0, rows * d), rows, codes.Data.AsSpan(firstCode * bytes, rows * bytes));
            return;
        }
        Parallel.For(0, slices, s =>
        {
            int start = s * BlockRows, count = Math.Min(BlockRows, rows - start);
            model.Encode(vectors.AsSpan(start * d, count * d), count,
                codes.Data.AsSpan((firstCode + start) * bytes, count * bytes));
        });
    }

    private static void CheckDimension(IHashModel model, int dimension, string inputName)
    {
        if (dimension != model.Dimension)
            throw UserInputException.ForFile(inputName, $"vectors have dimension {dimension}, the model expects {model.Dimension}");
    }
}
