using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class ScheduleTests
{
    [Fact]
    public void Step_decay_multiplies_by_gamma_every_interval()
    {
        var schedule = new StepDecaySchedule(0.1f, 3, 0.5f);
        float[] expected = [0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f, 0.025f];
        Assert.Equal(expected, Enumerable.Range(0, 7).Select(schedule.LearningRate));
    }

    [Fact]
    public void Cosine_goes_from_initial_through_the_midpoint_to_the_minimum()
    {
        // lr(s) = 0.01 + 0.09·(1 + cos(π s / 4)) / 2: s = 0 → 0.1; s = 1 → 0.01 + 0.045·(1 + √2/2) = 0.0868198;
        // s = 2 → 0.055; s = 3 → 0.01 + 0.045·(1 − √2/2) = 0.0231802; s ≥ 4 → 0.01.
        var schedule = new CosineSchedule(0.1f, 4, 0.01f);
        float[] expected = [0.1f, 0.0868198f, 0.055f, 0.0231802f, 0.01f, 0.01f];
        var actual = Enumerable.Range(0, 6).Select(schedule.LearningRate).ToArray();
        for (int s = 0; s < expected.Length; s++) Assert.Equal(expected[s], actual[s], 6);
    }
}
