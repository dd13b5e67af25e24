using Sigah.Core.Data;
using Sigah.Hashing.Spectral;

namespace Sigah.Hashing.Tests.Spectral;

public class SpectralHashingTests
{
    [Fact]
    public void Bits_are_the_signs_of_the_selected_eigenfunctions()
    {
        var train = FashionMnistSample.Train(1000);
        var model = (SpectralModel)new SpectralHasher(new SpectralOptions { Bits = 32 }).Fit(train, new TrainingContext { Seed = 1 });
        var codes = model.EncodeAll(train);
        int m = model.Projection.Outputs, checkedBits = 0;
        var projected = new float[train.Rows * m];
        model.Projection.Project(train.Data, train.Rows, projected);
        for (int i = 0; i < train.Rows; i++)
            for (int bit = 0; bit < 32; bit++)
            {
                int d = model.Directions[bit];
                double value = Math.Sin(Math.PI / 2 + model.Frequencies[bit] * (projected[i * m + d] - model.Minimums[d]));
                if (Math.Abs(value) < 1e-4) continue; // at a zero crossing float rounding decides
                Assert.Equal(value > 0, codes.GetBit(i, bit));
                checkedBits++;
            }
        Assert.True(checkedBits > 0.99 * train.Rows * 32);
    }

    [Fact]
    public void The_first_bit_splits_the_top_principal_direction_at_the_middle_of_its_range()
    {
        // 2-D data, spread 10 along x and 1 along y: the lowest-frequency mode is k = 1 on the first principal
        // direction (x up to sign), with ω = π/range, and cos(ω(y − min)) > 0 exactly on the lower half of the range.
        var random = new Random(3);
        var data = new FloatMatrix(500, 2);
        for (int i = 0; i < 500; i++)
        {
            data.Row(i)[0] = (float)(random.NextDouble() * 10);
            data.Row(i)[1] = (float)random.NextDouble();
        }
        var model = (SpectralModel)new SpectralHasher(new SpectralOptions { Bits = 8 }).Fit(data, new TrainingContext());
        Assert.Equal(0, model.Directions[0]);
        var projected = new float[500 * 2];
        model.Projection.Project(data.Data, 500, projected);
        float low = float.MaxValue, high = float.MinValue;
        for (int i = 0; i < 500; i++) { low = Math.Min(low, projected[2 * i]); high = Math.Max(high, projected[2 * i]); }
        Assert.Equal(Math.PI / ((double)high - low), model.Frequencies[0], 9);
        var codes = model.EncodeAll(data);
        double middle = (low + (double)high) / 2;
        for (int i = 0; i < 500; i++)
            if (Math.Abs(projected[2 * i] - middle) > 1e-3) Assert.Equal(projected[2 * i] < middle, codes.GetBit(i, 0));
    }
}
