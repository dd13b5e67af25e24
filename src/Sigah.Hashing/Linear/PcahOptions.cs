namespace Sigah.Hashing.Linear;

/// <summary>Options of <see cref="PcahHasher"/>: the code length only (at most the input dimension).</summary>
public sealed record PcahOptions : HasherOptions;
