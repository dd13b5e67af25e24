namespace Sigah.IO.Mat;

/// <summary>An open MAT-file of either version: its variables, each loadable while the file is open.</summary>
internal interface IMatFile : IDisposable
{
    /// <summary>Every variable, in file order (v5) or name order (v7.3), with what Sigah can read of it.</summary>
    IReadOnlyList<MatVariable> ReadVariables();
}
