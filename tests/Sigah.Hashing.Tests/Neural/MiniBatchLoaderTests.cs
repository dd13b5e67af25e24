using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class MiniBatchLoaderTests
{
    private static FloatMatrix Rows(int rows, int cols) =>
        new(rows, cols, Enumerable.Range(0, rows * cols).Select(i => (float)i).ToArray());

    private static List<(int[] Indices, float[] Values)> Epochs(MiniBatchLoader loader, int epochs)
    {
        var batches = new List<(int[], float[])>();
        for (int e = 0; e < epochs; e++)
        {
            loader.StartEpoch();
            while (loader.MoveNext()) batches.Add((loader.Indices.ToArray(), loader.Batch.ToArray()));
        }
        return batches;
    }

    [Fact]
    public void Same_seed_gives_the_same_batches_bit_for_bit()
    {
        var data = Rows(103, 3);
        var first = Epochs(new MiniBatchLoader(data, 16, seed: 9), 3);
        var second = Epochs(new MiniBatchLoader(data, 16, seed: 9), 3);
        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Indices, second[i].Indices);
            Assert.Equal(first[i].Values, second[i].Values);
        }
        var other = Epochs(new MiniBatchLoader(data, 16, seed: 10), 1);
        Assert.NotEqual(first[0].Indices, other[0].Indices);
    }

    [Fact]
    public void Every_epoch_is_a_new_permutation_with_the_rows_gathered()
    {
        var data = Rows(103, 3);
        var loader = new MiniBatchLoader(data, 16, seed: 1);
        Assert.Equal(7, loader.BatchesPerEpoch);
        var batches = Epochs(loader, 2);
        Assert.Equal(14, batches.Count);
        Assert.Equal(7, batches[6].Indices.Length); // 103 = 6·16 + 7
        var epoch1 = batches.Take(7).SelectMany(b => b.Indices).ToArray();
        var epoch2 = batches.Skip(7).SelectMany(b => b.Indices).ToArray();
        Assert.Equal(Enumerable.Range(0, 103), epoch1.Order());
        Assert.Equal(Enumerable.Range(0, 103), epoch2.Order());
        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(Enumerable.Range(0, 103), epoch1);
        foreach (var (indices, values) in batches)
            for (int i = 0; i < indices.Length; i++)
                Assert.Equal(data.Row(indices[i]).ToArray(), values.AsSpan(i * 3, 3).ToArray());
    }

    [Fact]
    public void Drop_last_serves_only_full_batches()
    {
        var loader = new MiniBatchLoader(Rows(103, 2), 16, seed: 1, dropLast: true);
        Assert.Equal(6, loader.BatchesPerEpoch);
        var batches = Epochs(loader, 1);
        Assert.Equal(6, batches.Count);
        Assert.All(batches, b => Assert.Equal(16, b.Indices.Length));
        Assert.Equal(0, loader.Count);
    }

    [Fact]
    public void A_memory_mapped_file_gives_the_same_batches_as_the_matrix()
    {
        var data = Rows(57, 5);
        string directory = Directory.CreateTempSubdirectory("sigah-loader-").FullName;
        try
        {
            string path = Path.Combine(directory, "rows.fvecs");
            VectorFile.Write(path, data);
            List<(int[] Indices, float[] Values)> fromFile;
            using (var source = VectorFile.Open(path)) fromFile = Epochs(new MiniBatchLoader(source, 8, seed: 4), 2);
            var fromMemory = Epochs(new MiniBatchLoader(data, 8, seed: 4), 2);
            Assert.Equal(fromMemory.Count, fromFile.Count);
            for (int i = 0; i < fromMemory.Count; i++)
            {
                Assert.Equal(fromMemory[i].Indices, fromFile[i].Indices);
                Assert.Equal(fromMemory[i].Values, fromFile[i].Values);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
