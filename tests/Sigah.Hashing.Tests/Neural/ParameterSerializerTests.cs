using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Neural;

public class ParameterSerializerTests
{
    private static Sequential Network(int seed)
    {
        var random = new Random(seed);
        return new Sequential(
            new Dense(7, 5, WeightInit.KaimingNormal, random, "enc"),
            new LeakyRelu(5),
            new SoftThreshold(5, 0.2f),
            new Dense(5, 3, WeightInit.XavierUniform, random, "out"));
    }

    private static byte[] Save(Sequential network)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) ParameterSerializer.Write(writer, network.Parameters);
        return stream.ToArray();
    }

    [Fact]
    public void A_saved_and_loaded_network_gives_identical_outputs()
    {
        var trained = Network(1);
        var random = new Random(2);
        foreach (var p in trained.Parameters) FiniteDifference.Uniform(random, p.Length).CopyTo(p.Value, 0);
        var loaded = Network(3);
        using (var reader = new BinaryReader(new MemoryStream(Save(trained)))) ParameterSerializer.Read(reader, loaded.Parameters);

        var input = FiniteDifference.Uniform(random, 9 * 7, 3);
        float[] expected = new float[9 * 3], actual = new float[9 * 3];
        trained.Predict(input, expected, 9);
        loaded.Predict(input, actual, 9);
        Assert.Equal(expected, actual);
        for (int i = 0; i < trained.Parameters.Count; i++) Assert.Equal(trained.Parameters[i].Value, loaded.Parameters[i].Value);
    }

    [Fact]
    public void A_payload_of_another_architecture_is_rejected()
    {
        var random = new Random(1);
        var other = new Sequential(new Dense(7, 6, WeightInit.KaimingNormal, random, "enc"));
        using var reader = new BinaryReader(new MemoryStream(Save(Network(1))));
        var e = Assert.Throws<InvalidDataException>(() => ParameterSerializer.Read(reader, other.Parameters));
        Assert.Equal("payload has 5 parameter arrays, the network has 2", e.Message);
    }

    [Fact]
    public void A_payload_with_a_different_shape_is_rejected()
    {
        var random = new Random(1);
        var wider = new Sequential(
            new Dense(7, 6, WeightInit.KaimingNormal, random, "enc"), new LeakyRelu(6), new SoftThreshold(6, 0.2f),
            new Dense(6, 3, WeightInit.XavierUniform, random, "out"));
        using var reader = new BinaryReader(new MemoryStream(Save(Network(1))));
        var e = Assert.Throws<InvalidDataException>(() => ParameterSerializer.Read(reader, wider.Parameters));
        Assert.Equal("payload parameter 'enc.weight' (35 values) does not match 'enc.weight' (42 values)", e.Message);
    }

    [Fact]
    public void A_truncated_payload_is_an_end_of_stream()
    {
        var bytes = Save(Network(1));
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 5));
        Assert.Throws<EndOfStreamException>(() => ParameterSerializer.Read(reader, Network(2).Parameters));
    }
}
