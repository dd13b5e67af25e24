namespace Sigah.Hashing.Neural;

/// <summary>How a <see cref="Dense"/> layer's weights are drawn (biases start at zero).</summary>
internal enum WeightInit
{
    /// <summary>He et al.: normal with standard deviation √(2 / fanIn); keeps activation variance through ReLU layers.</summary>
    KaimingNormal,
    /// <summary>Glorot &amp; Bengio: uniform on ±√(6 / (fanIn + fanOut)); for tanh, sigmoid and linear layers.</summary>
    XavierUniform,
}
