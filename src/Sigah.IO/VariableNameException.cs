namespace Sigah.IO;

/// <summary>
/// A MATLAB variable that cannot be named on a vector file spec (<see cref="VectorFile.WithVariable"/>): the file is
/// not <c>.mat</c>, the spec already names a variable, or the name is empty. The message says which, naming the spec.
/// </summary>
public sealed class VariableNameException(string message) : Exception(message);
