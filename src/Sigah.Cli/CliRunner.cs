using System.CommandLine;
using Sigah.Core;

namespace Sigah.Cli;

/// <summary>
/// Runs the parsed command under the contract's conventions: exit 0 on success, 1 with one
/// <c>error: </c> line on a user error (bad option, bad file), 2 on an internal failure; stack traces only
/// with <c>--verbose</c>.
/// </summary>
internal static class CliRunner
{
    public const int Ok = 0, UserError = 1, InternalError = 2;

    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        bool verbose = parse.GetValue(CommonOptions.Verbose);
        if (parse.Errors.Count > 0)
        {
            // Name the most specific problem: an unknown token says more than "command not provided".
            var error = parse.Errors.FirstOrDefault(e => e.Message.Contains('\'')) ?? parse.Errors[0];
            Console.Error.WriteLine($"error: {OneLine(error.Message)}");
            return UserError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e, verbose);
        }
    }

    /// <summary>Prints <paramref name="e"/> as the contract asks and returns the exit code.</summary>
    public static int Report(Exception e, bool verbose)
    {
        var user = Find<UserInputException>(e);
        if (user is not null)
        {
            Console.Error.WriteLine($"error: {user.Message}");
            if (verbose) Console.Error.WriteLine(e);
            return UserError;
        }
        var io = Find<IOException>(e);
        if (io is not null && io is not EndOfStreamException)
        {
            Console.Error.WriteLine($"error: {io.Message}");
            if (verbose) Console.Error.WriteLine(e);
            return UserError;
        }
        Console.Error.WriteLine($"error: internal failure: {e.GetType().Name}: {e.Message}");
        if (verbose) Console.Error.WriteLine(e);
        return InternalError;
    }

    /// <summary>
    /// A parser message on one line: System.CommandLine puts suggestions on lines of their own ("Did you mean
    /// one of the following?\nLinear\nMih"), which become a comma-separated list.
    /// </summary>
    internal static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.Length <= 1 ? message.Trim() : lines[0] + " " + string.Join(", ", lines[1..]);
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is T t) return t;
            if (x is AggregateException agg && agg.InnerExceptions.Count == 1) return Find<T>(agg.InnerExceptions[0]);
        }
        return null;
    }
}
