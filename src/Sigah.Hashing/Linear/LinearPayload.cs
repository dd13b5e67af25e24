namespace Sigah.Hashing.Linear;

/// <summary>A guard shared by the linear models' loaders.</summary>
internal static class LinearPayload
{
    /// <summary>
    /// Throws <see cref="EndOfStreamException"/> (a "payload too short" error) when fewer than
    /// <paramref name="floats"/> float32 values remain, so a header with absurd sizes cannot force a huge allocation.
    /// </summary>
    internal static void RequireFloats(BinaryReader reader, long floats)
    {
        if (floats * sizeof(float) > reader.BaseStream.Length - reader.BaseStream.Position) throw new EndOfStreamException();
    }
}
