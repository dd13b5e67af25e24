namespace Sigah.Core.Progress;

/// <summary>
/// Where long-running library work reports how far it is. The CLI shows a bar on a terminal and plain
/// periodic lines otherwise; library callers may pass <see cref="NullProgress.Instance"/>.
/// </summary>
public interface IProgressSink
{
    /// <summary>Reports that <paramref name="done"/> of <paramref name="total"/> units of <paramref name="stage"/> are finished.</summary>
    void Report(string stage, long done, long total);

    /// <summary>A one-line status message (for example an epoch's losses).</summary>
    void Message(string text);
}

/// <summary>A sink that ignores everything.</summary>
public sealed class NullProgress : IProgressSink
{
    /// <summary>The shared instance.</summary>
    public static readonly NullProgress Instance = new();

    private NullProgress() { }

    /// <inheritdoc/>
    public void Report(string stage, long done, long total) { }

    /// <inheritdoc/>
    public void Message(string text) { }
}
