using System.Text;
using Sigah.Core.Data;
using Sigah.Hashing.Adversarial;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.Tests.Adversarial;

/// <summary>The saved SiGAH model: what it computes, and that every payload version loads.</summary>
public class SigahModelTests
{
    private const int D = 40, R = 12, Hidden = 24, Bits = 16;

    [Fact]
    public void Projects_standardised_rows_on_the_components_before_the_generator()
    {
        var (model, generator, rows) = ModelWithComponents(seed: 1);
        var outputs = new float[rows.Rows * Bits];
        model.Project(rows.Data, rows.Rows, outputs);
        var w1 = (Dense)generator.Layers[0];
        var w2 = (Dense)generator.Layers[2];
        for (int i = 0; i < rows.Rows; i++)
        {
            // Reference in double: z = (x − μ)/s, y = z·V, h = ReLU(W₁y + b₁), f = W₂h + b₂.
            var z = Enumerable.Range(0, D).Select(c => ((double)rows.Data[i * D + c] - model.Mean[c]) / model.Scale).ToArray();
            var y = Enumerable.Range(0, R).Select(k => Enumerable.Range(0, D).Sum(c => z[c] * model.Components![c * R + k])).ToArray();
            var h = Enumerable.Range(0, Hidden).Select(o => Math.Max(0, w1.Bias.Value[o] + Enumerable.Range(0, R).Sum(k => w1.Weight.Value[o * R + k] * y[k]))).ToArray();
            for (int j = 0; j < Bits; j++)
            {
                double f = w2.Bias.Value[j] + Enumerable.Range(0, Hidden).Sum(o => w2.Weight.Value[j * Hidden + o] * h[o]);
                Assert.Equal(f, outputs[i * Bits + j], 1e-4);
            }
        }
    }

    [Fact]
    public void A_model_with_components_round_trips_through_its_file_with_identical_codes()
    {
        var (model, _, rows) = ModelWithComponents(seed: 2);
        var loaded = Assert.IsType<SigahModel>(ModelFile.FromBytes(ModelFile.ToBytes(model), "m.model"));
        Assert.Equal(model.Components, loaded.Components);
        Assert.Equal(model.Choices, loaded.Choices);
        Assert.Equal(model.EncodeAll(rows).Data, loaded.EncodeAll(rows).Data);
    }

    [Fact]
    public void A_version_2_payload_loads_as_a_model_without_components()
    {
        var random = new Random(3);
        var generator = GeneratorNetwork.CreateRandom(D, Hidden, Bits, random);
        var mean = RandomValues(random, D);
        var model = new SigahModel(mean, 2.5f, generator, new SigahChoices(SigahStart.Pcah, 3e-4));
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Hidden);
            w.Write(2.5f);
            w.Write((int)SigahStart.Pcah);
            w.Write(3e-4);
            ModelPayload.WriteFloats(w, mean);
            foreach (var p in generator.Parameters) ModelPayload.WriteFloats(w, p.Value);
        }
        payload.Position = 0;
        var loaded = SigahModel.Load(new BinaryReader(payload), new ModelHeader("sigah", 2, D, Bits));
        Assert.Null(loaded.Components);
        Assert.Equal(model.Choices, loaded.Choices);
        var rows = new FloatMatrix(50, D, RandomValues(random, 50 * D));
        Assert.Equal(model.EncodeAll(rows).Data, loaded.EncodeAll(rows).Data);
    }

    [Fact]
    public void Components_of_the_wrong_size_name_the_parameter()
    {
        var generator = GeneratorNetwork.CreateRandom(R, Hidden, Bits, new Random(4));
        var error = Assert.Throws<ArgumentException>(() => new SigahModel(new float[D], 1f, generator, components: new float[D * R + 1]));
        Assert.Equal("components", error.ParamName);
        Assert.StartsWith($"components have {D * R + 1} values, expected {D} x {R}", error.Message);
    }

    private static (SigahModel Model, Sequential Generator, FloatMatrix Rows) ModelWithComponents(int seed)
    {
        var random = new Random(seed);
        var generator = GeneratorNetwork.CreateRandom(R, Hidden, Bits, random);
        var model = new SigahModel(RandomValues(random, D), 1.7f, generator, new SigahChoices(SigahStart.Itq, 1e-3), RandomValues(random, D * R));
        return (model, generator, new FloatMatrix(3000, D, RandomValues(random, 3000 * D)));
    }

    private static float[] RandomValues(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
