using Sigah.Hashing.Adversarial;
using Xunit.Abstractions;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>
/// sigah-paper's adversarial game is not a no-op: trained for a few hundred steps on real rows, the discriminator's
/// energies on real and synthetic features separate, and then move as the generator and the synthesis answer.
/// </summary>
[Collection(nameof(BlasThreadStateCollection))]
public sealed class SigahPaperGameTests(ITestOutputHelper output)
{
    [Fact]
    public void The_discriminator_energies_separate_and_then_move()
    {
        var checks = new List<TrainingCheck>();
        var options = SigahOptions.Paper(32) with { MinSteps = 300, MaxSteps = 300, Checks = 6, Patience = 100, Decays = 0 };
        new SigahHasher(options, SigahHasher.PaperMethodName).Fit(FashionMnistSample.Train(2000), new TrainingContext { Seed = 3, OnCheck = checks.Add });

        double Value(TrainingCheck check, string name) => check.Values.Single(v => v.Name == name).Value;
        foreach (var c in checks)
            output.WriteLine($"step {c.Step}: real {Value(c, "energy_real"):F4} synthetic {Value(c, "energy_synthetic"):F4} " +
                $"discriminator {Value(c, "discriminator"):F4} zeros {Value(c, "cs_zero_fraction"):F3} balanced {Value(c, "balanced_bits"):F3} mAP {Value(c, "validation_map"):F4}");

        Assert.Equal([0, 50, 100, 150, 200, 250, 300], checks.Select(c => c.Step));
        Assert.True(double.IsNaN(Value(checks[0], "energy_real")), "the start has no game yet");
        var game = checks.Skip(1).ToList();
        // Separate: after the first stretch the discriminator gives synthetic features clearly more energy than real rows.
        Assert.All(game, c => Assert.True(Value(c, "energy_synthetic") > 1.5 * Value(c, "energy_real"),
            $"step {c.Step}: synthetic {Value(c, "energy_synthetic")} vs real {Value(c, "energy_real")}"));
        // Move: the energies and the discriminator's loss change from stretch to stretch as both sides learn.
        foreach (string name in new[] { "energy_real", "energy_synthetic", "discriminator" })
        {
            var values = game.Select(c => Value(c, name)).ToArray();
            Assert.True(values.Max() - values.Min() > 0.1 * values.Average(), $"{name} hardly moves: {string.Join(", ", values)}");
        }
        Assert.All(game, c => Assert.InRange(Value(c, "cs_zero_fraction"), 0.0, 1.0));
    }
}
