using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sigah.Core;

namespace Sigah.IO;

/// <summary>
/// An array read from a <c>.npy</c> file: its dtype (<c>"&lt;f4"</c>, <c>"&lt;f8"</c>, <c>"|u1"</c>, <c>"&lt;i4"</c>,
/// <c>"&lt;i8"</c>), its shape, and its raw little-endian C-order bytes (<c>Data.Length</c> = elements × element size).
/// </summary>
public sealed class NpyArray
{
    /// <summary>numpy dtype string.</summary>
    public string DType { get; }

    /// <summary>Dimensions, outermost first (C order).</summary>
    public int[] Shape { get; }

    /// <summary>Raw little-endian element bytes.</summary>
    public byte[] Data { get; }

    /// <summary>File name the array came from, used in error messages.</summary>
    public string Name { get; }

    /// <summary>Number of elements (product of <see cref="Shape"/>).</summary>
    public long Length => Shape.Aggregate(1L, (p, s) => p * s);

    /// <summary>Wraps raw bytes (not copied); their length must match dtype and shape.</summary>
    public NpyArray(string dtype, int[] shape, byte[] data, string name = "array")
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (!NpyHeader.ElementSizes.TryGetValue(dtype, out int size))
            throw new ArgumentException($"unsupported dtype '{dtype}'", nameof(dtype));
        foreach (int s in shape) ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(shape));
        DType = dtype;
        Shape = shape;
        Data = data;
        Name = name;
        if (data.LongLength != Length * size)
            throw new ArgumentException($"data has {data.LongLength} bytes, shape {NpyHeader.FormatShape(shape)} of {dtype} needs {Length * size}", nameof(data));
    }

    /// <summary>The values as float32 (float64 is rounded; integers are converted).</summary>
    public float[] ToFloat32()
    {
        var result = new float[Length];
        switch (DType)
        {
            case "<f4": MemoryMarshal.Cast<byte, float>(Data).CopyTo(result); break;
            case "<f8": Convert(MemoryMarshal.Cast<byte, double>(Data), result, v => (float)v); break;
            case "|u1": for (int i = 0; i < result.Length; i++) result[i] = Data[i]; break;
            case "<i4": Convert(MemoryMarshal.Cast<byte, int>(Data), result, v => v); break;
            default: Convert(MemoryMarshal.Cast<byte, long>(Data), result, v => v); break;
        }
        return result;
    }

    /// <summary>The values as int64; only integer dtypes convert.</summary>
    public long[] ToInt64()
    {
        var result = new long[Length];
        switch (DType)
        {
            case "<i8": MemoryMarshal.Cast<byte, long>(Data).CopyTo(result); break;
            case "<i4": Convert(MemoryMarshal.Cast<byte, int>(Data), result, v => v); break;
            case "|u1": for (int i = 0; i < result.Length; i++) result[i] = Data[i]; break;
            default: throw NotConvertible("int64");
        }
        return result;
    }

    /// <summary>The values as int32; only integer dtypes convert, and int64 values must fit.</summary>
    public int[] ToInt32()
    {
        var result = new int[Length];
        switch (DType)
        {
            case "<i4": MemoryMarshal.Cast<byte, int>(Data).CopyTo(result); break;
            case "|u1": for (int i = 0; i < result.Length; i++) result[i] = Data[i]; break;
            case "<i8":
                for (int i = 0; i < result.Length; i++)
                {
                    long v = BinaryPrimitives.ReadInt64LittleEndian(Data.AsSpan(i * 8));
                    if (v is < int.MinValue or > int.MaxValue)
                        throw new UserInputException($"{Name}: value {v} at element {i} does not fit in int32");
                    result[i] = (int)v;
                }
                break;
            default: throw NotConvertible("int32");
        }
        return result;
    }

    private UserInputException NotConvertible(string target) =>
        new($"{Name}: dtype '{DType}' cannot be read as {target} (integer dtypes only)");

    private static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination, Func<TFrom, TTo> convert)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = convert(source[i]);
    }
}
