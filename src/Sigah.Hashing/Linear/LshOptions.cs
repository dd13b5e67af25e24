namespace Sigah.Hashing.Linear;

/// <summary>Options of <see cref="LshHasher"/>: the code length only.</summary>
public sealed record LshOptions : HasherOptions;
