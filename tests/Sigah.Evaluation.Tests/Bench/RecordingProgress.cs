using Sigah.Core.Progress;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary>A progress sink that keeps every report and message, for tests to read back.</summary>
internal sealed class RecordingProgress : IProgressSink
{
    public List<(string Stage, long Done, long Total)> Reports { get; } = [];

    public List<string> Messages { get; } = [];

    public void Report(string stage, long done, long total) => Reports.Add((stage, done, total));

    public void Message(string text) => Messages.Add(text);
}
