using Sigah.Hashing.Adversarial;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>A run interrupted after a check and resumed from its checkpoint ends with the uninterrupted run's model, byte for byte.</summary>
[Collection(nameof(BlasThreadStateCollection))]
public sealed class SigahCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Payload(IHashModel model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer)) model.WritePayload(writer);
        return buffer.ToArray();
    }

    [Theory]
    [InlineData(SigahHasher.MethodName)]
    [InlineData(SigahHasher.PaperMethodName)]
    public void Interrupted_and_resumed_gives_the_uninterrupted_model(string method)
    {
        var train = FashionMnistSample.Train(1500);
        var options = (method == SigahHasher.MethodName ? new SigahOptions { Bits = 16 } : SigahOptions.Paper(16)) with
        {
            MinSteps = 120, MaxSteps = 120, Checks = 6, Hidden = 128, Anchors = 500, NeighbourDepth = 200, ValidationQueries = 100, ValidationK = 20,
        };
        var hasher = new SigahHasher(options, method);
        var whole = hasher.Fit(train, new TrainingContext { Seed = 4 });

        using var stop = new CancellationTokenSource();
        var context = new TrainingContext
        {
            Seed = 4,
            CheckpointDirectory = _dir,
            Cancellation = stop.Token,
            OnCheck = check => { if (check.Step == 60) stop.Cancel(); },
        };
        Assert.Throws<OperationCanceledException>(() => hasher.Fit(train, context));
        Assert.True(File.Exists(Path.Combine(_dir, "sigah.checkpoint")));
        var checks = new List<int>();
        var resumed = hasher.Fit(train, new TrainingContext { Seed = 4, CheckpointDirectory = _dir, Resume = true, OnCheck = c => checks.Add(c.Step) });

        Assert.Equal([0, 80, 100, 120], checks);  // the start, then only the checks after the checkpoint: steps 1..60 did not run again
        Assert.Equal(Payload(whole), Payload(resumed));
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_refused_by_name()
    {
        var train = FashionMnistSample.Train(600);
        var options = new SigahOptions { Bits = 16, MinSteps = 40, MaxSteps = 40, Checks = 2, Hidden = 64, Anchors = 200, NeighbourDepth = 100, ValidationQueries = 50, ValidationK = 10 };
        new SigahHasher(options).Fit(train, new TrainingContext { Seed = 1, CheckpointDirectory = _dir });
        var error = Assert.Throws<Sigah.Core.UserInputException>(() =>
            new SigahHasher(options with { Bits = 24 }).Fit(train, new TrainingContext { Seed = 1, CheckpointDirectory = _dir, Resume = true }));
        Assert.Equal($"{Path.Combine(_dir, "sigah.checkpoint")}: a checkpoint of another run (method, settings, data or seed differ)", error.Message);
    }
}
