namespace Sigah.Hashing;

/// <summary>The common fields every model file carries before its method-specific payload.</summary>
/// <param name="Method">Registered method name.</param>
/// <param name="PayloadVersion">The method's own payload format version.</param>
/// <param name="Dimension">Input dimension.</param>
/// <param name="Bits">Code length in bits.</param>
internal sealed record ModelHeader(string Method, int PayloadVersion, int Dimension, int Bits);
