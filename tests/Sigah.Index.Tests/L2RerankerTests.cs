using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Core.Knn;

namespace Sigah.Index.Tests;

public sealed class L2RerankerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-rerank-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_shortlist_of_everything_gives_the_exact_neighbours()
    {
        var (baseVectors, queries, baseCodes, queryCodes) = Data(400, 12, 24, seed: 1);
        var shortlist = LinearScan.Search(baseCodes, queryCodes, 400);
        var exact = ExactKnn.Search(baseVectors, queries, 10);
        var reranked = L2Reranker.Rerank(shortlist, queries, baseVectors, 10);
        Assert.Equal(exact.Ids, reranked.Ids);
        Assert.Equal(exact.Distances, reranked.Distances);

        string path = Path.Combine(_dir, "base.fvecs");
        VectorFile.Write(path, baseVectors);
        using var source = VectorFile.Open(path);
        Assert.Equal(exact.Ids, L2Reranker.Rerank(shortlist, queries, source, 10, threads: 2).Ids);
    }

    [Fact]
    public void Keeps_the_nearest_of_the_shortlist_only_and_pads()
    {
        var (baseVectors, queries, baseCodes, queryCodes) = Data(300, 8, 16, seed: 2);
        var shortlist = LinearScan.Search(baseCodes, queryCodes, 20);
        var reranked = L2Reranker.Rerank(shortlist, queries, baseVectors, 25);
        for (int q = 0; q < queries.Rows; q++)
        {
            var expected = shortlist.IdsOf(q).ToArray()
                .Select(id => (D: Squared(queries.Row(q), baseVectors.Row((int)id)), Id: id))
                .OrderBy(x => x.D).ThenBy(x => x.Id).Select(x => x.Id).Concat(Enumerable.Repeat(-1L, 5));
            Assert.Equal(expected, reranked.Ids.AsSpan(q * 25, 25).ToArray());
            Assert.True(float.IsPositiveInfinity(reranked.Distances[q * 25 + 24]));
        }
    }

    [Fact]
    public void Rejects_ids_outside_the_base_and_mismatched_queries()
    {
        var (baseVectors, queries, _, _) = Data(10, 4, 8, seed: 3);
        var shortlist = new HammingKnnResult(4, 1, [0, 1, 2, 10], [0, 0, 0, 0]);
        Assert.StartsWith("shortlist id 10 is not a row of the 10 base vectors",
            Assert.Throws<ArgumentException>("shortlist", () => L2Reranker.Rerank(shortlist, queries, baseVectors, 1)).Message);
        Assert.Throws<ArgumentException>("queries", () => L2Reranker.Rerank(shortlist, new FloatMatrix(3, 8), baseVectors, 1));
    }

    private static double Squared(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += ((double)x[i] - y[i]) * ((double)x[i] - y[i]);
        return s;
    }

    /// <summary>Gaussian vectors and their codes: signs of random projections.</summary>
    private static (FloatMatrix Base, FloatMatrix Queries, PackedCodes BaseCodes, PackedCodes QueryCodes) Data(int n, int nq, int dim, int seed)
    {
        var rng = new Random(seed);
        FloatMatrix Gaussian(int rows, int cols)
        {
            var m = new FloatMatrix(rows, cols);
            for (int i = 0; i < m.Data.Length; i++) m.Data[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
            return m;
        }
        var projection = Gaussian(dim, 32);
        PackedCodes Encode(FloatMatrix x)
        {
            var projected = new float[x.Rows * 32];
            for (int r = 0; r < x.Rows; r++)
                for (int b = 0; b < 32; b++)
                    for (int d = 0; d < dim; d++) projected[r * 32 + b] += x.Row(r)[d] * projection.Row(d)[b];
            return PackedCodes.FromSigns(projected, x.Rows, 32);
        }
        var baseVectors = Gaussian(n, dim);
        var queries = Gaussian(nq, dim);
        return (baseVectors, queries, Encode(baseVectors), Encode(queries));
    }
}
