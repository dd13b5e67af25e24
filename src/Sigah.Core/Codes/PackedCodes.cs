using System.Runtime.Intrinsics;

namespace Sigah.Core.Codes;

/// <summary>
/// <see cref="Count"/> binary codes of <see cref="Bits"/> bits each, stored contiguously:
/// code i occupies bytes <c>[i*BytesPerCode, (i+1)*BytesPerCode)</c> of <see cref="Data"/>, and bit j of a
/// code is bit <c>j % 8</c> of its byte <c>j / 8</c> (numpy <c>packbits(bitorder='little')</c>, as faiss).
/// </summary>
public sealed class PackedCodes
{
    /// <summary>Largest supported code length in bits.</summary>
    public const int MaxBits = 4096;

    /// <summary>Number of codes.</summary>
    public int Count { get; }

    /// <summary>Bits per code, a positive multiple of 8.</summary>
    public int Bits { get; }

    /// <summary>Bytes per code, <c>Bits / 8</c>.</summary>
    public int BytesPerCode => Bits / 8;

    /// <summary>All codes; length <c>Count * BytesPerCode</c>.</summary>
    public byte[] Data { get; }

    /// <summary>Allocates <paramref name="count"/> all-zero codes.</summary>
    public PackedCodes(int count, int bits) : this(count, bits, new byte[checked((long)count * CheckBits(bits) / 8)]) { }

    /// <summary>Wraps <paramref name="data"/> (not copied); its length must be <c>count * bits / 8</c>.</summary>
    public PackedCodes(int count, int bits, byte[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckBits(bits);
        ArgumentNullException.ThrowIfNull(data);
        if (data.LongLength != (long)count * (bits / 8))
            throw new ArgumentException($"data has {data.LongLength} bytes, expected {count} codes of {bits / 8} bytes", nameof(data));
        Count = count;
        Bits = bits;
        Data = data;
    }

    /// <summary>Code <paramref name="i"/>, <see cref="BytesPerCode"/> bytes.</summary>
    public Span<byte> Code(int i) => Data.AsSpan(checked(i * BytesPerCode), BytesPerCode);

    /// <summary>Bit <paramref name="bit"/> of code <paramref name="i"/>.</summary>
    public bool GetBit(int i, int bit) => (Data[(long)i * BytesPerCode + (bit >> 3)] >> (bit & 7) & 1) != 0;

    /// <summary>
    /// Packs a row-major <paramref name="rows"/> × <paramref name="bits"/> matrix of real values: bit = 1 where
    /// the value is &gt; 0 (so ties at exactly 0 map to 0, the sign convention of ITQ and faiss).
    /// </summary>
    public static PackedCodes FromSigns(ReadOnlySpan<float> values, int rows, int bits)
    {
        CheckBits(bits);
        if (values.Length != (long)rows * bits)
            throw new ArgumentException($"values has {values.Length} entries, expected {rows} x {bits}", nameof(values));
        var codes = new PackedCodes(rows, bits);
        for (int i = 0; i < rows; i++) PackRow(values.Slice(i * bits, bits), codes.Code(i));
        return codes;
    }

    /// <summary>Packs one row of <c>bits</c> real values into <c>bits / 8</c> bytes of <paramref name="code"/>.</summary>
    public static void PackRow(ReadOnlySpan<float> values, Span<byte> code)
    {
        if (values.Length < code.Length * 8)
            throw new ArgumentException($"values has {values.Length} entries, expected {code.Length * 8}", nameof(values));
        int start = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // One compare and one move-mask per byte: lane j's sign bit becomes bit j.
            for (; start < code.Length; start++)
                code[start] = (byte)Vector256.GreaterThan(Vector256.Create(values.Slice(start * 8, 8)), Vector256<float>.Zero)
                    .ExtractMostSignificantBits();
        }
        for (int b = start; b < code.Length; b++)
        {
            int v = 0;
            var chunk = values.Slice(b * 8, 8);
            for (int j = 0; j < 8; j++) v |= (chunk[j] > 0f ? 1 : 0) << j;
            code[b] = (byte)v;
        }
    }

    /// <summary>Writes ±1 for every bit of code <paramref name="i"/> into <paramref name="signs"/> (length Bits).</summary>
    public void Unpack(int i, Span<float> signs)
    {
        var code = Code(i);
        for (int j = 0; j < Bits; j++) signs[j] = (code[j >> 3] >> (j & 7) & 1) != 0 ? 1f : -1f;
    }

    private static int CheckBits(int bits)
    {
        if (bits <= 0 || bits % 8 != 0 || bits > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"bits must be a positive multiple of 8 up to {MaxBits}");
        return bits;
    }
}
