namespace Sigah.Hashing;

/// <summary>
/// The training data cannot give codes of the length asked for (see <see cref="CodeLengthLimit"/>), found when a
/// hasher fits: a user error about <see cref="HasherOptions.Bits"/>, whose message names the method and the numbers.
/// </summary>
public sealed class CodeLengthException : Exception
{
    /// <summary>Codes of <paramref name="bits"/> bits are beyond <paramref name="limit"/>, as <paramref name="message"/> says.</summary>
    public CodeLengthException(int bits, CodeLengthLimit limit, string message) : base(message)
    {
        Bits = bits;
        Limit = limit;
    }

    /// <summary>The code length asked for.</summary>
    public int Bits { get; }

    /// <summary>What the training data lacks for it.</summary>
    public CodeLengthLimit Limit { get; }
}

/// <summary>Why training data cannot give a code length.</summary>
public enum CodeLengthLimit
{
    /// <summary>A method built on principal components makes at most one bit per input dimension.</summary>
    InputDimension,

    /// <summary>Anchor graph hashing makes at most one bit per connected anchor beyond the first.</summary>
    ConnectedAnchors,
}
