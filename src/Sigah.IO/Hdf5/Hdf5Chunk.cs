namespace Sigah.IO.Hdf5;

/// <summary>A stored chunk: where it is, how many bytes it takes (filtered), and which filters were skipped (bit i: filter i).</summary>
internal readonly record struct Hdf5Chunk(ulong Address, ulong Size, uint FilterMask);
