namespace Sigah.Hashing.Neural;

/// <summary>
/// A learnable tensor: its values and the gradient of the training loss with respect to them, both flat
/// arrays of <see cref="Length"/> floats. Backward passes <em>add</em> into <see cref="Gradient"/>, so
/// several losses (or several uses of one layer in a step) accumulate; <see cref="Adam.Step"/> consumes the
/// gradient and clears it.
/// </summary>
internal sealed class Parameter
{
    /// <summary>Allocates a zero parameter of <paramref name="length"/> values.</summary>
    /// <param name="name">Name used in error messages and model files (for example <c>dense.weight</c>).</param>
    /// <param name="length">Number of values.</param>
    /// <param name="decays">Whether decoupled weight decay (AdamW) applies: true for weight matrices, false for biases and thresholds.</param>
    public Parameter(string name, int length, bool decays)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Name = name;
        Value = new float[length];
        Gradient = new float[length];
        Decays = decays;
    }

    /// <summary>Name of the parameter.</summary>
    public string Name { get; }

    /// <summary>The values, <see cref="Length"/> floats (layout defined by the owning layer).</summary>
    public float[] Value { get; }

    /// <summary>d(loss)/d(<see cref="Value"/>), <see cref="Length"/> floats, accumulated by backward passes.</summary>
    public float[] Gradient { get; }

    /// <summary>Number of values.</summary>
    public int Length => Value.Length;

    /// <summary>True when decoupled weight decay applies to this parameter.</summary>
    public bool Decays { get; }

    /// <summary>Sets <see cref="Gradient"/> to zero.</summary>
    public void ZeroGradient() => Array.Clear(Gradient);
}
