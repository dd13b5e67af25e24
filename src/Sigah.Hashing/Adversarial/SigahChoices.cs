namespace Sigah.Hashing.Adversarial;

/// <summary>What a SiGAH training run chose for itself on validation mAP, kept in the model it saves.</summary>
/// <param name="Start">The start the generator was trained from (for <c>start=auto</c>, the linear start that scored higher, or random).</param>
/// <param name="LearningRate">The generator's step size the run was carried on with after the step-size search.</param>
internal sealed record SigahChoices(SigahStart Start, double LearningRate);
