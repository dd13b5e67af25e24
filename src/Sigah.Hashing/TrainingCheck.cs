namespace Sigah.Hashing;

/// <summary>
/// One validation check of an iterative training run, for training curves: the optimisation <paramref name="Step"/>
/// (0 for the start) and named measurements in a fixed order (NaN where a run has no such part), e.g. each loss term's
/// mean since the last check, the discriminator's energies and validation mAP.
/// </summary>
public sealed record TrainingCheck(int Step, IReadOnlyList<(string Name, double Value)> Values);
