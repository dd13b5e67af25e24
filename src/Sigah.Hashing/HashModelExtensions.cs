using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Core.Data;

namespace Sigah.Hashing;

/// <summary>Whole-matrix helpers over <see cref="IHashModel.Encode"/>.</summary>
public static class HashModelExtensions
{
    private const int BlockRows = 4096;

    /// <summary>
    /// Encodes every row of <paramref name="vectors"/> (n × Dimension) into n codes, in parallel blocks.
    /// A wrong dimension is a <see cref="UserInputException"/> naming <paramref name="inputName"/>.
    /// </summary>
    public static PackedCodes EncodeAll(this IHashModel model, FloatMatrix vectors, string inputName = "input")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Cols != model.Dimension)
            throw UserInputException.ForFile(inputName, $"vectors have dimension {vectors.Cols}, the model expects {model.Dimension}");
        var codes = new PackedCodes(vectors.Rows, model.Bits);
        int blocks = (vectors.Rows + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, b =>
        {
            int start = b * BlockRows, count = Math.Min(BlockRows, vectors.Rows - start);
            model.Encode(vectors.RowBlock(start, count), count,
                codes.Data.AsSpan(start * model.Bits / 8, count * model.Bits / 8));
        });
        return codes;
    }
}
