using Sigah.Core;
namespace Sigah.IO.Mat;

/// <summary>
/// MATLAB array classes: the class numbers of v5 array flags and the class names of v7.3's <c>MATLAB_class</c>
/// attribute. Sigah reads the numeric classes (double, single, int8 ... uint64, and logical); the others are named in
/// the message that refuses them.
/// </summary>
internal static class MatClass
{
    /// <summary>Why a v5 array of class number <paramref name="id"/> cannot be read, or null for the numeric classes 6 to 15.</summary>
    public static string? Problem(int id) => id switch
    {
        1 => "is a cell array",
        2 => "is a struct",
        3 => "is an object",
        4 => "is a char array",
        5 => "is sparse",
        >= 6 and <= 15 => null,
        16 => "is a function handle",
        17 => "is an opaque object",
        _ => $"has unknown class {id}",
    };

    /// <summary>Why a v7.3 variable whose <c>MATLAB_class</c> is <paramref name="name"/> cannot be read, or null for numeric classes.</summary>
    public static string? Problem(string name) => name switch
    {
        "double" or "single" or "int8" or "uint8" or "int16" or "uint16" or "int32" or "uint32" or "int64" or "uint64" or "logical" => null,
        "cell" => "is a cell array",
        "struct" => "is a struct",
        "char" => "is a char array",
        "function_handle" => "is a function handle",
        _ => $"is of class {UserInputException.Quote(name)}",
    };
}
