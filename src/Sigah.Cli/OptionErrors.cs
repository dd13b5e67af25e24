using System.Globalization;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Hashing;
using Sigah.Hashing.Adversarial;
using Sigah.Hashing.AnchorGraphHashing;

namespace Sigah.Cli;

/// <summary>
/// Words the hashing library's errors about a method's options as the CLI's one-line user errors, naming the option
/// each came from: <c>--bits</c>, or the <c>--param</c> setting, by the name <see cref="HasherInfo.Settings"/> gives it.
/// The library names properties and never flags; this is where the flags are written into its errors.
/// </summary>
internal static class OptionErrors
{
    /// <summary>The user error <paramref name="e"/> stands for when <paramref name="method"/> threw it while being built or fitted; null for any other exception.</summary>
    public static UserInputException? Translate(HasherInfo method, Exception e) => e switch
    {
        SettingException => new UserInputException($"--param: {e.Message}", e),
        OptionOutOfRangeException range => new UserInputException(Describe(method, range), e),
        CodeLengthException length => new UserInputException(Describe(method, length), e),
        _ => null,
    };

    /// <summary>The result of <paramref name="work"/> for <paramref name="method"/>, its option errors thrown as user errors.</summary>
    public static T Run<T>(HasherInfo method, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return work();
        }
        catch (Exception e) when (Translate(method, e) is { } user)
        {
            throw user;
        }
    }

    /// <summary>Runs <paramref name="work"/> for <paramref name="method"/>, its option errors thrown as user errors.</summary>
    public static void Run(HasherInfo method, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Run(method, () =>
        {
            work();
            return true;
        });
    }

    /// <summary>
    /// A value out of a range of its own is <c>--param: name=value requirement</c> (or the <c>--bits</c> line); one that
    /// conflicts with another option names that option as the command line gives it.
    /// </summary>
    private static string Describe(HasherInfo method, OptionOutOfRangeException e)
    {
        string Name(string property) => method.Settings.NameOf(property) ?? property;
        string value = Convert.ToString(e.ActualValue, CultureInfo.InvariantCulture) ?? "";
        return (e.Options, e.ParamName, e.Related.Count) switch
        {
            (_, nameof(HasherOptions.Bits), 0) => $"--bits: {value} is not a positive multiple of 8 up to {PackedCodes.MaxBits}",
            (AnchorGraphOptions o, nameof(AnchorGraphOptions.Anchors), > 0) => $"--param: {Name(nameof(o.Anchors))}={o.Anchors} must exceed --bits {o.Bits}",
            (AnchorGraphOptions o, nameof(AnchorGraphOptions.Neighbours), > 0) =>
                $"--param: {Name(nameof(o.Neighbours))}={o.Neighbours} must be between 1 and {Name(nameof(o.Anchors))} ({o.Anchors})",
            (AnchorGraphOptions o, nameof(AnchorGraphOptions.KMeansSamples), > 0) =>
                $"--param: {Name(nameof(o.KMeansSamples))}={o.KMeansSamples} must be at least {Name(nameof(o.Anchors))} ({o.Anchors})",
            (SigahOptions o, nameof(SigahOptions.RandomNegatives), > 0) =>
                $"--param: {Name(nameof(o.HardNegatives))} and {Name(nameof(o.RandomNegatives))} cannot both be 0",
            (SigahOptions o, nameof(SigahOptions.MaxSteps), > 0) =>
                $"--param: {Name(nameof(o.MaxSteps))}={o.MaxSteps} must be at least {Name(nameof(o.MinSteps))}={o.MinSteps}",
            (SigahOptions o, nameof(SigahOptions.NeighbourDepth), > 0) =>
                $"--param: {Name(nameof(o.NeighbourDepth))}={o.NeighbourDepth} must be at least {Name(nameof(o.NearestCount))}={o.NearestCount}",
            (SigahOptions o, nameof(SigahOptions.Hidden), > 0) =>
                $"--param: {Name(nameof(o.Hidden))}={o.Hidden} must be at least 2 x bits ({2 * o.Bits}) to start from {o.Start.ToString().ToLowerInvariant()}",
            _ => $"--param: {Name(e.ParamName!)}={value} {e.Requirement}",
        };
    }

    private static string Describe(HasherInfo method, CodeLengthException e) => e.Limit switch
    {
        CodeLengthLimit.ConnectedAnchors =>
            $"--bits: the anchor graph has too few connected anchors for {e.Bits} bits; use more anchors (--param {method.Settings.NameOf(nameof(AnchorGraphOptions.Anchors))}) or more training vectors",
        _ => $"--bits: {e.Message}",
    };
}
