using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.Hashing.Linear;

namespace Sigah.Hashing.Tests.Linear;

[Collection(nameof(BlasThreadStateCollection))]
public class ItqTests
{
    private static ItqModel Fit(FloatMatrix data, int bits, int iterations, int seed) =>
        new ItqHasher(new ItqOptions { Bits = bits, Iterations = iterations })
            .FitModel(data, new TrainingContext { Seed = seed });

    /// <summary>‖B − V·R‖² with V the principal coordinates and B = sign(V·R): what ITQ minimises.</summary>
    private static double QuantizationLoss(ItqModel model, FloatMatrix data)
    {
        int m = model.Bits, d = model.Dimension;
        double loss = 0;
        for (int i = 0; i < data.Rows; i++)
            for (int j = 0; j < m; j++)
            {
                double z = 0;
                for (int c = 0; c < d; c++) z += (data.Data[i * d + c] - model.Mean[c]) * (double)model.Encoder.Matrix[c * m + j];
                double b = z >= 0 ? 1 : -1;
                loss += (b - z) * (b - z);
            }
        return loss;
    }

    [Fact]
    public void Rotation_is_orthogonal()
    {
        var model = Fit(PcaTests.CorrelatedData(400, 20, seed: 1), bits: 16, iterations: 10, seed: 2);
        const int m = 16;
        for (int p = 0; p < m; p++)
            for (int q = 0; q < m; q++)
            {
                double dot = 0;
                for (int k = 0; k < m; k++) dot += model.Rotation[p * m + k] * (double)model.Rotation[q * m + k];
                Assert.Equal(p == q ? 1.0 : 0.0, dot, 1e-5);
            }
    }

    [Fact]
    public void Iterations_lower_the_quantization_loss_of_the_random_start()
    {
        var data = PcaTests.CorrelatedData(400, 20, seed: 4);
        double start = QuantizationLoss(Fit(data, 16, iterations: 0, seed: 9), data);
        double trained = QuantizationLoss(Fit(data, 16, iterations: 50, seed: 9), data);
        Assert.True(trained < 0.97 * start, $"loss {trained} after 50 iterations vs {start} at the random start");
    }

    [Fact]
    public void Codes_are_the_signs_of_the_rotated_principal_coordinates()
    {
        var data = PcaTests.CorrelatedData(200, 24, seed: 6);
        var model = Fit(data, 16, iterations: 5, seed: 1);
        int m = 16, d = 24;
        var codes = model.EncodeAll(data);
        for (int i = 0; i < data.Rows; i++)
            for (int j = 0; j < m; j++)
            {
                double z = 0;
                for (int k = 0; k < m; k++)
                {
                    double v = 0;
                    for (int c = 0; c < d; c++) v += (data.Data[i * d + c] - model.Mean[c]) * (double)model.Projection[c * m + k];
                    z += v * model.Rotation[k * m + j];
                }
                if (Math.Abs(z) > 1e-3) Assert.Equal(z > 0, codes.GetBit(i, j));
            }
    }
}
