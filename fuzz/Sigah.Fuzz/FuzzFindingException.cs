namespace Sigah.Fuzz;

/// <summary>A property the harness checks itself was broken (e.g. an allocation beyond the bound): a crash for the fuzzer.</summary>
internal sealed class FuzzFindingException : Exception
{
    public FuzzFindingException(string message) : base(message) { }

    public FuzzFindingException(string message, Exception inner) : base(message, inner) { }
}
