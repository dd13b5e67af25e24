using Sigah.Core;

namespace Sigah.Fuzz;

/// <summary>
/// Runs one fuzz input through a <see cref="FuzzTarget"/> and decides whether it is a finding. Rejecting the
/// input with a <see cref="UserInputException"/> is the expected outcome for bad bytes; every other exception,
/// and allocating more than <see cref="AllowedBytes"/>, is a finding (thrown, so the fuzzer records a crash).
/// Hangs are caught by the fuzzer's per-input time limit.
/// </summary>
internal sealed class FuzzRunner(FuzzTarget target, string workDirectory)
{
    /// <summary>Allocation a parser may make beyond <see cref="PerEntitledByte"/> bytes per byte of data.</summary>
    public const long FixedAllowance = 64L << 20;

    /// <summary>
    /// Bytes a parser may allocate per byte of data it is given: the raw bytes, float32 values made from
    /// single bytes (4×), and a working copy, with room to spare.
    /// </summary>
    public const long PerEntitledByte = 16;

    /// <summary>The outcome of one input: null when accepted, the one-line message when rejected as bad input.</summary>
    public string? Run(ReadOnlySpan<byte> input)
    {
        var (extension, content) = target.Decode(input);
        target.Repair?.Invoke(content);
        string path = Path.Combine(workDirectory, "input" + extension);
        File.WriteAllBytes(path, content);
        long entitled = target.EntitledBytes?.Invoke(content, path) ?? content.Length;
        long before = GC.GetTotalAllocatedBytes();
        string? rejection = null;
        try
        {
            target.Parse(path);
        }
        catch (UserInputException e)
        {
            if (e.Message.Contains('\n')) throw new FuzzFindingException($"error message has more than one line: {e.Message}", e);
            rejection = e.Message;
        }
        long allocated = GC.GetTotalAllocatedBytes() - before;
        if (allocated > AllowedBytes(entitled))
            throw new FuzzFindingException(
                $"{target.Name}: allocated {allocated} bytes for {entitled} bytes of data (allowed {AllowedBytes(entitled)})");
        return rejection;
    }

    /// <summary>The most a parser may allocate for <paramref name="entitled"/> bytes of data.</summary>
    public static long AllowedBytes(long entitled) => FixedAllowance + PerEntitledByte * entitled;
}
