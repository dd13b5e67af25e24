using Sigah.Core.Data;
using Sigah.Evaluation.Bench;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary>A small Gaussian-mixture bench problem with brute-force top-k Euclidean ground truth.</summary>
internal static class ClusteredProblem
{
    public static BenchProblem Create(int baseCount = 600, int queries = 40, int dimension = 16, int k = 10, int seed = 1)
    {
        var rng = new Random(seed);
        var centres = new float[8][];
        for (int c = 0; c < centres.Length; c++) centres[c] = [.. Enumerable.Range(0, dimension).Select(_ => (float)(rng.NextDouble() * 10))];
        FloatMatrix Sample(int rows)
        {
            var m = new FloatMatrix(rows, dimension);
            for (int i = 0; i < rows; i++)
            {
                var centre = centres[rng.Next(centres.Length)];
                for (int j = 0; j < dimension; j++) m.Row(i)[j] = centre[j] + (float)(rng.NextDouble() - 0.5) * 4;
            }
            return m;
        }
        var baseVectors = Sample(baseCount);
        var queryVectors = Sample(queries);
        var truth = new int[queries][];
        for (int q = 0; q < queries; q++)
        {
            var qv = queryVectors.Row(q).ToArray();
            truth[q] = [.. Enumerable.Range(0, baseCount)
                .OrderBy(i => { var b = baseVectors.Row(i); double s = 0; for (int j = 0; j < dimension; j++) s += (b[j] - qv[j]) * (double)(b[j] - qv[j]); return s; })
                .ThenBy(i => i).Take(k)];
        }
        return new BenchProblem("clusters", baseVectors, queryVectors, truth, $"top-{k} Euclidean neighbours, all {queries} queries");
    }
}
