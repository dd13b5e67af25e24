namespace Sigah.Hashing.Spectral;

/// <summary>
/// One one-dimensional eigenfunction of Spectral Hashing: along principal direction <paramref name="Dimension"/>,
/// whose training values span [min, min + range], the function cos(ω·(y − min)) with ω = <paramref name="Multiple"/>·π / range
/// (the paper's sin(π/2 + ω·(y − min))). Its eigenvalue grows with ω², so low frequencies come first.
/// </summary>
/// <param name="Dimension">Index of the principal direction.</param>
/// <param name="Multiple">The mode number k ≥ 1 (k half-periods over the range).</param>
/// <param name="Frequency">Angular frequency ω = k·π / range.</param>
internal readonly record struct SpectralMode(int Dimension, int Multiple, double Frequency);
