namespace Sigah.Evaluation.Bench;

/// <summary>A method × code length that did not run, and the method's reason.</summary>
/// <param name="Method">Registered hasher name.</param>
/// <param name="Bits">Code length.</param>
/// <param name="Reason">The one-line message the method gave.</param>
public sealed record BenchSkip(string Method, int Bits, string Reason);
