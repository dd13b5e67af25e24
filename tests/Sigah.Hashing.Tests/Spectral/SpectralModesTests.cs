using Sigah.Hashing.Spectral;

namespace Sigah.Hashing.Tests.Spectral;

public class SpectralModesTests
{
    [Fact]
    public void Picks_the_lowest_frequencies_of_a_hand_computed_example()
    {
        // Ranges 4, 2, 1 and 4 bits: ⌈5·R/4⌉ = 5, 3, 2 modes, so the candidates (k/R) are
        // dir 0: k = 1..4 (0.25, 0.5, 0.75, 1); dir 1: k = 1..2 (0.5, 1); dir 2: k = 1 (1).
        // Ascending, ties by direction: (0,1) 0.25, (0,2) 0.5, (1,1) 0.5, (0,3) 0.75 | (0,4), (1,2), (2,1) at 1.
        var modes = SpectralModes.Select([4.0, 2.0, 1.0], 4);
        Assert.Equal([(0, 1), (0, 2), (1, 1), (0, 3)], modes.Select(m => (m.Dimension, m.Multiple)).ToArray());
        Assert.Equal([Math.PI / 4, Math.PI / 2, Math.PI / 2, 3 * Math.PI / 4], modes.Select(m => m.Frequency).ToArray());
    }

    [Fact]
    public void Ties_at_the_cut_go_to_the_earlier_direction()
    {
        // Same ranges, 5 bits: ⌈6·R/4⌉ = 6, 3, 2 modes. After the four above, three candidates tie at k/R = 1:
        // (0,4), (1,2), (2,1); the fifth bit is the first of them.
        var modes = SpectralModes.Select([4.0, 2.0, 1.0], 5);
        Assert.Equal((0, 4), (modes[4].Dimension, modes[4].Multiple));
    }

    [Fact]
    public void A_direction_without_spread_carries_no_mode()
    {
        var modes = SpectralModes.Select([0.0, 3.0], 8);
        Assert.All(modes, m => Assert.Equal(1, m.Dimension));
        Assert.Equal(Enumerable.Range(1, 8).ToArray(), modes.Select(m => m.Multiple).ToArray());
    }
}
