namespace Sigah.Hashing;

/// <summary>Options of <see cref="PcahHasher"/>: the code length only (at most the input dimension).</summary>
public sealed record PcahOptions : HasherOptions;
