using Sigah.Core.Codes;
using Sigah.Hashing.Linear;

namespace Sigah.Hashing;

/// <summary>
/// What the options of every hasher have: the code length. Each method's options (<see cref="ItqOptions"/>,
/// <see cref="Adversarial.SigahOptions"/>, …) derive from this record and add the method's settings as init properties with
/// their defaults; a hasher validates its options when it is built. <see cref="HasherRegistry"/> lists the names the
/// command line gives these settings by.
/// </summary>
public abstract record HasherOptions
{
    /// <summary>Code length in bits: a positive multiple of 8 up to <see cref="PackedCodes.MaxBits"/>. No default.</summary>
    public required int Bits { get; init; }

    /// <summary>
    /// Throws an <see cref="OptionOutOfRangeException"/> for the first option outside what the method accepts, alone
    /// or given the others: the code length first, then the method's settings.
    /// </summary>
    public virtual void Validate() => ValidateBits();

    /// <summary>Throws unless <see cref="Bits"/> is a positive multiple of 8 up to <see cref="PackedCodes.MaxBits"/>.</summary>
    internal void ValidateBits()
    {
        if (Bits <= 0 || Bits % 8 != 0 || Bits > PackedCodes.MaxBits)
            throw new OptionOutOfRangeException(this, nameof(Bits), Bits, $"must be a positive multiple of 8 up to {PackedCodes.MaxBits}");
    }
}
