using Sigah.Core.Codes;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// The current codes of every training row as ±1 values (rows × bits floats): the neighbour term ranks an anchor's
/// candidates against these, refreshed a few times per epoch, so a step costs one forward pass over the batch only.
/// </summary>
internal sealed class CodeBank
{
    private readonly float[] _signs;

    /// <summary>An empty bank for <paramref name="rows"/> codes of <paramref name="bits"/> bits.</summary>
    public CodeBank(int rows, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        Rows = rows;
        Bits = bits;
        _signs = new float[checked(rows * bits)];
    }

    /// <summary>Number of codes.</summary>
    public int Rows { get; }

    /// <summary>Code length.</summary>
    public int Bits { get; }

    /// <summary>Code <paramref name="row"/> as <see cref="Bits"/> values ±1.</summary>
    public ReadOnlySpan<float> Code(int row) => _signs.AsSpan(row * Bits, Bits);

    /// <summary>Replaces every code by the corresponding one of <paramref name="codes"/> (same rows and bits).</summary>
    public void Update(PackedCodes codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count != Rows || codes.Bits != Bits)
            throw new ArgumentException($"codes are {codes.Count} x {codes.Bits} bits, the bank {Rows} x {Bits}", nameof(codes));
        Parallel.For(0, Rows, i => codes.Unpack(i, _signs.AsSpan(i * Bits, Bits)));
    }
}
