namespace Sigah.IO;

/// <summary>How <see cref="VectorFile"/> reads vectors.</summary>
public sealed record VectorReadOptions
{
    /// <summary>Multiplies every value after conversion to float (e.g. 1/255 for pixel bytes); null leaves values as stored.</summary>
    public float? Scale { get; init; }

    /// <summary>Reads only the first rows of the file; null reads all.</summary>
    public int? MaxRows { get; init; }

    /// <summary>Fails with "<c>{file}: has no rows</c>" when the file (or dataset) holds no vectors.</summary>
    public bool RequireRows { get; init; }
}
