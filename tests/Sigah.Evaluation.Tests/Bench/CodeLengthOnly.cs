using Sigah.Hashing;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary>Options of a test-only hasher that has no settings but the code length.</summary>
internal sealed record CodeLengthOnly : HasherOptions
{
    /// <summary>Settings (none by name) that build the hasher <paramref name="create"/> makes for a code length.</summary>
    public static HasherSettings<CodeLengthOnly> Settings(Func<int, IHasher> create) =>
        new(bits => new() { Bits = bits }, o => create(o.Bits));
}
