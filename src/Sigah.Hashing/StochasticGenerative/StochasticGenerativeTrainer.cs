using System.Globalization;
using System.Numerics.Tensors;
using Sigah.Core.Data;
using Sigah.Hashing.Neural;

namespace Sigah.Hashing.StochasticGenerative;

/// <summary>
/// Trains Stochastic Generative Hashing on the neural core: linear encoder z = W·x' + c (<see cref="Dense"/>),
/// codes sampled by <see cref="DistributionalStraightThrough"/>, linear decoder x̂ = U·h + b (<see cref="Dense"/>),
/// objective <see cref="StochasticGenerativeObjective"/>, <see cref="Adam"/> over shuffled mini-batches.
/// Inputs are standardised first (mean removed, divided by the root-mean-square centred coordinate) so the
/// step sizes suit data of any scale.
/// </summary>
internal static class StochasticGenerativeTrainer
{
    /// <summary>The fitted model and the mean objective of every epoch, in order.</summary>
    public static (StochasticGenerativeModel Model, double[] EpochLosses) Train(FloatMatrix train, StochasticGenerativeOptions options,
        TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(train.Rows, 1, nameof(train));
        int n = train.Rows, d = train.Cols, m = options.Bits, capacity = Math.Min(options.BatchSize, n);
        var (mean, scale) = Standardisation(train);
        var random = new Random(context.Seed);
        var encoder = new Dense(d, m, WeightInit.XavierUniform, random, "encoder");
        var decoder = new Dense(m, d, WeightInit.XavierUniform, random, "decoder");
        float learningRate = (float)options.LearningRate, alpha = (float)options.Alpha;
        var adam = new Adam(encoder.Parameters.Concat(decoder.Parameters), learningRate);

        var inputs = new float[capacity * d];
        var reconstructions = new float[capacity * d];
        var reconstructionGradient = new float[capacity * d];
        var logits = new float[capacity * m];
        var uniforms = new float[capacity * m];
        var probabilities = new float[capacity * m];
        var codes = new float[capacity * m];
        var codeGradient = new float[capacity * m];
        var decoderCodeGradient = new float[capacity * m];
        var logitGradient = new float[capacity * m];

        var batches = new MiniBatchLoader(train, capacity, seed: random.Next());
        var schedule = new StepDecaySchedule(learningRate, options.DecayEpochs, gamma: 0.5f);
        var losses = new double[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            adam.LearningRate = schedule.LearningRate(epoch);
            batches.StartEpoch();
            double sum = 0;
            while (batches.MoveNext())
            {
                context.Cancellation.ThrowIfCancellationRequested();
                int batch = batches.Count;
                int values = batch * m, inputValues = batch * d;
                StochasticGenerativeModel.Standardise(batches.Batch, batch, mean, scale, inputs);
                for (int i = 0; i < values; i++) uniforms[i] = random.NextSingle();

                encoder.Forward(inputs, logits, batch);
                DistributionalStraightThrough.Sample(logits.AsSpan(0, values), uniforms.AsSpan(0, values),
                    probabilities.AsSpan(0, values), codes.AsSpan(0, values));
                decoder.Forward(codes, reconstructions, batch);
                double loss = StochasticGenerativeObjective.Compute(batch, alpha,
                    inputs.AsSpan(0, inputValues), reconstructions.AsSpan(0, inputValues), reconstructionGradient.AsSpan(0, inputValues),
                    logits.AsSpan(0, values), probabilities.AsSpan(0, values), codes.AsSpan(0, values),
                    codeGradient.AsSpan(0, values), logitGradient.AsSpan(0, values));
                sum += loss * batch;

                // dL/dh = the decoder's share (back-propagated from dL/dx̂) + the encoder term's α·z/B, then through
                // the stochastic neuron into dL/dz, which already holds the direct α(h − p)/B.
                decoder.Backward(codes, reconstructions, reconstructionGradient, decoderCodeGradient, batch, parameterGradients: true);
                TensorPrimitives.Add(codeGradient.AsSpan(0, values), decoderCodeGradient.AsSpan(0, values), codeGradient.AsSpan(0, values));
                DistributionalStraightThrough.Backward(probabilities.AsSpan(0, values), codeGradient.AsSpan(0, values), logitGradient.AsSpan(0, values));
                encoder.Backward(inputs, logits, logitGradient, Span<float>.Empty, batch, parameterGradients: true);
                adam.Step();
            }
            losses[epoch] = sum / n;
            context.Progress.Report("sgh", epoch + 1, options.Epochs);
            context.Progress.Message(string.Create(CultureInfo.InvariantCulture, $"sgh: epoch {epoch + 1}/{options.Epochs}, objective {losses[epoch]:G5}"));
        }
        return (new StochasticGenerativeModel(mean, scale, encoder), losses);
    }

    /// <summary>The column means and the root-mean-square of the centred coordinates (1 when the data is constant).</summary>
    private static (float[] Mean, float Scale) Standardisation(FloatMatrix train)
    {
        var mean = ColumnMean.Compute(train);
        int d = train.Cols;
        var centred = new float[d];
        double squares = 0;
        for (int i = 0; i < train.Rows; i++)
        {
            TensorPrimitives.Subtract(train.Row(i), mean, centred);
            squares += TensorPrimitives.SumOfSquares(centred);
        }
        double rms = Math.Sqrt(squares / ((double)train.Rows * d));
        return (mean, rms > 0 && double.IsFinite(rms) ? (float)rms : 1f);
    }
}
