using Sigah.Hashing.Linear;
namespace Sigah.Hashing.Tests.Linear;

public class ThinProductTests
{
    [Theory]
    [InlineData(1, 1, 8)]
    [InlineData(5, 3, 40)]
    [InlineData(7, 64, 64)]
    [InlineData(3, 100, 16)]
    public void Matches_a_double_precision_reference_for_row_major_and_transposed_A(int p, int q, int r)
    {
        var random = new Random(p * 1000 + q * 10 + r);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var a = Values(p * q);
        var b = Values(q * r);
        var expected = new double[p * r];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < r; j++)
                for (int k = 0; k < q; k++)
                    expected[i * r + j] += a[i * q + k] * (double)b[k * r + j];

        var direct = new float[p * r];
        ThinProduct.Multiply(a, q, 1, p, q, b, r, direct);
        // The same A stored transposed (q × p), read with strides 1 and p.
        var aT = new float[q * p];
        for (int i = 0; i < p; i++) for (int k = 0; k < q; k++) aT[k * p + i] = a[i * q + k];
        var transposed = new float[p * r];
        ThinProduct.Multiply(aT, 1, p, p, q, b, r, transposed);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], direct[i], 1e-4);
            Assert.Equal(direct[i], transposed[i]);
        }
    }
}
