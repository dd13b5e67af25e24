using System.CommandLine;
using Sigah.Core;
using Sigah.IO;

namespace Sigah.Cli;

/// <summary>Options shared by several commands, defined once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>--verbose</c>: stack traces on errors and more detail while running.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces on errors and more detail while running",
        Recursive = true,
    };

    /// <summary><c>--seed S</c>: makes a run reproducible.</summary>
    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed: same input, same seed, same machine gives the same bytes",
        DefaultValueFactory = _ => 0,
    };

    /// <summary><c>--threads T</c>: worker threads (default: all processors).</summary>
    public static Option<int> Threads() => new("--threads")
    {
        Description = "Worker threads (default: all processors)",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary><c>--scale F</c>: multiplies every input value (for example 0.00392156862745098 = 1/255 for pixel bytes).</summary>
    public static Option<float?> Scale() => new("--scale")
    {
        Description = "Multiply every input value by this factor (e.g. 0.00392156862745098 to map pixel bytes to [0, 1])",
    };

    /// <summary><c>--var NAME</c>: the variable of a <c>.mat</c> input (the same as <c>FILE.mat:NAME</c>).</summary>
    public static Option<string?> Var() => new("--var")
    {
        Description = "Variable of a MATLAB .mat input (the same as FILE.mat:NAME; by default the file's only numeric matrix)",
    };

    /// <summary>
    /// The vector file <paramref name="spec"/> with the <c>--var</c> <paramref name="variable"/> named on it (see
    /// <see cref="VectorFile.WithVariable"/>); a variable it cannot take is a user error naming <c>--var</c>.
    /// </summary>
    public static string WithVariable(string spec, string? variable)
    {
        try
        {
            return VectorFile.WithVariable(spec, variable);
        }
        catch (VariableNameException e)
        {
            throw new UserInputException($"--var: {e.Message}", e);
        }
    }

    /// <summary>A required file option.</summary>
    public static Option<string> RequiredPath(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Required = true };
}
