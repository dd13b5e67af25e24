using System.Numerics.Tensors;
using Sigah.Core.Blas;

namespace Sigah.Hashing.Neural;

/// <summary>
/// Fully connected layer y = x Wᵀ + b. <see cref="Weight"/> is <c>OutputSize × InputSize</c> row-major (row o holds
/// the incoming weights of output unit o), <see cref="Bias"/> has <c>OutputSize</c> values. All three products
/// (forward, weight gradient, input gradient) are single sgemm calls.
/// </summary>
internal sealed class Dense : ILayer
{
    /// <summary>A layer with weights drawn by <paramref name="init"/> from <paramref name="random"/> and zero bias.</summary>
    public Dense(int inputSize, int outputSize, WeightInit init, Random random, string name = "dense")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        InputSize = inputSize;
        OutputSize = outputSize;
        Weight = new Parameter(name + ".weight", checked(inputSize * outputSize), decays: true);
        Bias = new Parameter(name + ".bias", outputSize, decays: false);
        Parameters = [Weight, Bias];
        Initialisation.Fill(Weight.Value, inputSize, outputSize, init, random);
    }

    /// <inheritdoc/>
    public int InputSize { get; }

    /// <inheritdoc/>
    public int OutputSize { get; }

    /// <summary>W, <c>OutputSize × InputSize</c> row-major.</summary>
    public Parameter Weight { get; }

    /// <summary>b, <c>OutputSize</c> values.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        BatchShape.CheckForward(this, input, output, batch);
        // The bias is broadcast into the output first, so sgemm adds the product on top (beta = 1): no extra pass.
        var bias = Bias.Value.AsSpan();
        for (int r = 0; r < batch; r++) bias.CopyTo(output.Slice(r * OutputSize, OutputSize));
        Gemm.Sgemm(Transpose.No, Transpose.Yes, batch, OutputSize, InputSize, 1f, input, Weight.Value, 1f, output);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, int batch, bool parameterGradients)
    {
        BatchShape.CheckBackward(this, input, output, outputGradient, inputGradient, batch);
        if (parameterGradients)
        {
            // dW += dYᵀ X (OutputSize × InputSize); db += column sums of dY.
            Gemm.Sgemm(Transpose.Yes, Transpose.No, OutputSize, InputSize, batch, 1f, outputGradient, input, 1f, Weight.Gradient);
            var biasGradient = Bias.Gradient.AsSpan();
            for (int r = 0; r < batch; r++)
                TensorPrimitives.Add(biasGradient, outputGradient.Slice(r * OutputSize, OutputSize), biasGradient);
        }
        if (!inputGradient.IsEmpty)
            Gemm.Sgemm(Transpose.No, Transpose.No, batch, InputSize, OutputSize, 1f, outputGradient, Weight.Value, 0f, inputGradient);
    }
}
