namespace Sigah.Hashing.Spectral;

/// <summary>Options of <see cref="SpectralHasher"/>: the code length only.</summary>
public sealed record SpectralOptions : HasherOptions;
