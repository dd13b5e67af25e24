using System.Net;
using System.Net.Sockets;
using Sigah.Core.Data;
using Sigah.Hashing;

namespace Sigah.Cluster.Tests;

/// <summary>What the cluster tests share: seeded vectors, a fitted model's file, free loopback ports.</summary>
internal static class TestData
{
    /// <summary>Rows × dimension values uniform in [-0.5, 0.5), row-major, from <paramref name="seed"/>.</summary>
    public static float[] Uniform(int rows, int dimension, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * dimension).Select(_ => (float)random.NextDouble() - 0.5f)];
    }

    /// <summary>Rows × dimension standard normal draws (Box–Muller), row-major, from <paramref name="random"/>.</summary>
    public static float[] Gaussian(Random random, int rows, int dimension)
    {
        var values = new float[rows * dimension];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return values;
    }

    /// <summary>The file bytes of ITQ with <paramref name="bits"/> bits fitted on <see cref="Uniform"/> rows of <paramref name="seed"/>.</summary>
    public static byte[] ItqModel(int bits, int rows, int dimension, int seed) => ModelFile.ToBytes(HasherRegistry.Get("itq").Create(bits)
        .Fit(new FloatMatrix(rows, dimension, Uniform(rows, dimension, seed)), new TrainingContext { Seed = seed }));

    /// <summary>A loopback TCP port free at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
