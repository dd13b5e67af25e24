using System.Globalization;
using System.Numerics.Tensors;
using Sigah.Core.Blas;
using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Hashing.Linear;
using Sigah.Hashing.Neural;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Adversarial;

/// <summary>
/// The SiGAH training loop (objective in docs/sigah.md). Before training: the anchors' nearest training rows.
/// Per mini-batch of anchors X (centred): generator u = f(X), b = sign(u) (straight-through); neighbour term on b
/// against the code bank (and the optional affinity term on (X, b)); synthesis x̃ = S(b); reconstruction
/// ‖x̃ − X‖²/d; adversarial E(x̃) through the energy discriminator; consistency hinge on b ⊙ f(x̃); one Adam step
/// for f and S on the weighted sum; then one Adam step for the discriminator on E(X) + max(0, M − E(x̃)). A few
/// times per epoch the bank is re-encoded and validation mAP on a held-out slice checked; the best generator is
/// kept and training stops after <see cref="SigahOptions.Patience"/> checks without improvement.
/// </summary>
internal sealed class SigahTrainer
{
    private const int ScaleSampleRows = 8192;

    private readonly SigahOptions _settings;
    private readonly TrainingContext _context;
    private readonly string _method;

    /// <summary>A trainer for <paramref name="settings"/> reporting to <paramref name="context"/>.</summary>
    public SigahTrainer(SigahOptions settings, TrainingContext context, string method = SigahHasher.MethodName)
    {
        _method = method;
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        settings.Validate();
        _settings = settings;
        _context = context;
    }

    /// <summary>
    /// The validation scores of the last <see cref="Train"/> call: the start's first, then one per check
    /// (empty when training ran without validation).
    /// </summary>
    public IReadOnlyList<double> ValidationHistory => _history;

    private readonly List<double> _history = [];

    /// <summary>The held-out validation queries and ground truth of the last <see cref="Train"/> call (null without validation).</summary>
    internal ValidationSplit? Validation { get; private set; }

    /// <summary>Trains on the rows of <paramref name="train"/> (n × d, finite) and returns the generator as a model.</summary>
    public SigahModel Train(FloatMatrix train)
    {
        TrainingInput.Check(train, _context);
        _history.Clear();
        Validation = null;
        var s = _settings;
        var random = new CountingRandom(_context.Seed);
        var metric = _context.ValidationMetric;
        var pool = Subsample(train, s.MaxRows + s.ValidationQueries, random);
        ValidationSplit? split = null;
        if (metric is not null && s.ValidationQueries > 0 && pool.Rows > s.ValidationQueries + s.ValidationK + s.BatchSize)
        {
            _context.Progress.Report("sigah: validation ground truth", 0, 1);
            split = ValidationSplit.Create(pool, s.ValidationQueries, s.ValidationK, random);
            Validation = split;
            _context.Progress.Report("sigah: validation ground truth", 1, 1);
        }
        var rows = split?.Base ?? pool;
        var standardisation = s.Standardise ? Standardisation.Fit(rows, s.InputSpread) : Standardisation.Centring(rows);
        var standardised = standardisation.Apply(rows);
        var input = new GeneratorInput(standardisation, InputComponents(standardised));
        var inputs = new Inputs(input.Components is null ? standardised : input.ApplyAll(rows), split is null ? null : input.ApplyAll(split.Queries));
        var (generator, start) = CreateGenerator(inputs, split, random);
        var neighbours = ComputeNeighbours(inputs.Train, random);
        var run = new Run(this, inputs, generator, split, neighbours, random);
        run.Execute();
        return new SigahModel(standardisation.Mean, standardisation.Scale, generator, new SigahChoices(start, run.LearningRate), input.Components, _method);
    }

    /// <summary>The generator's inputs: the mapped training rows (n × r) and the mapped validation queries (null without validation).</summary>
    private sealed record Inputs(FloatMatrix Train, FloatMatrix? Queries)
    {
        /// <summary>Validation score of <paramref name="model"/>, a model of mapped rows, against the split's ground truth.</summary>
        public double Score(IHashModel model, ValidationSplit split, IRetrievalMetric metric) =>
            Score(model.EncodeAll(Train), model, split, metric);

        /// <summary>As <see cref="Score(IHashModel, ValidationSplit, IRetrievalMetric)"/> with the training rows' codes at hand.</summary>
        public double Score(PackedCodes trainCodes, IHashModel model, ValidationSplit split, IRetrievalMetric metric) =>
            metric.Score(trainCodes, model.EncodeAll(Queries!), split.GroundTruth);
    }

    /// <summary>A model of the generator alone on already mapped rows (zero mean, unit scale: the mapping is the identity).</summary>
    private static SigahModel OnMappedRows(Sequential generator) => new(new float[generator.InputSize], 1f, generator);

    /// <summary>
    /// The d × r leading principal directions of the standardised rows when they are wider than the generator's input
    /// (r = max(input-dims, 2 × bits) &lt; d), else null.
    /// </summary>
    private float[]? InputComponents(FloatMatrix standardised)
    {
        var s = _settings;
        int d = standardised.Cols;
        if (s.InputComponents == 0) return null;
        int r = Math.Max(s.InputComponents, 2 * s.Bits);
        if (r >= d) return null;
        _context.Progress.Message($"sigah: the generator reads {r} principal coordinates of the {d} standardised inputs");
        return Pca.Fit(standardised, r).Projection;
    }

    /// <summary>
    /// At most <paramref name="limit"/> rows of <paramref name="train"/>, a seeded random subset in their original
    /// order when there are more: the neighbour pass and the bank refresh grow with the rows, and a subset of this
    /// size already holds the geometry the codes learn.
    /// </summary>
    private static FloatMatrix Subsample(FloatMatrix train, int limit, Random random)
    {
        if (train.Rows <= limit) return train;
        var chosen = RowSampling.Distinct(train.Rows, limit, random);
        Array.Sort(chosen);
        return train.SelectRows(chosen);
    }

    /// <summary>
    /// The generator f on its inputs (the mapped rows): from random weights, or an exact copy of the linear start (ITQ,
    /// PCAH or SGH fitted on the mapped rows) that scores the highest validation mAP among the candidates.
    /// </summary>
    private (Sequential Generator, SigahStart Start) CreateGenerator(Inputs inputs, ValidationSplit? split, Random random)
    {
        var s = _settings;
        var mapped = inputs.Train;
        int d = mapped.Cols, m = s.Bits;
        bool linearPossible = m <= d && s.Hidden >= 2 * m;
        if (s.Start is SigahStart.Random || (s.Start is SigahStart.Auto && !linearPossible))
            return (GeneratorNetwork.CreateRandom(d, s.Hidden, m, random), SigahStart.Random);
        TrainingInput.CheckBitsAtMostDimension("sigah", m, d);
        var candidates = new List<(SigahStart Start, LinearStart Linear)>();
        if (s.Start is SigahStart.Auto or SigahStart.Best or SigahStart.Itq or SigahStart.Pcah)
        {
            var itq = new ItqHasher(new ItqOptions { Bits = m }).FitModel(mapped, _context);
            var none = Array.Empty<float>();
            if (s.Start is not SigahStart.Pcah) candidates.Add((SigahStart.Itq, new LinearStart(itq.Mean, itq.Encoder.Matrix, none)));
            if (s.Start is not SigahStart.Itq) candidates.Add((SigahStart.Pcah, new LinearStart(itq.Mean, itq.Projection, none)));
        }
        if (s.Start is SigahStart.Best or SigahStart.Sgh)
            candidates.Add((SigahStart.Sgh, StochasticGenerativeStart.Fit(mapped, m, s.SghEpochs, _context)));
        var metric = _context.ValidationMetric;
        (Sequential Generator, SigahStart Start)? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var (start, linear) in candidates)
        {
            var (projection, offsets) = OnCentredInputs(linear, m);
            var scales = OutputScales(mapped, projection, offsets, m);
            var network = GeneratorNetwork.CreateFromLinear(projection, offsets, scales, d, s.Hidden, (float)s.FreeUnitScale, random);
            if (candidates.Count == 1 || split is null || metric is null)
            {
                best ??= (network, start);
                continue;
            }
            double score = inputs.Score(ScoringModel(linear, network, m), split, metric);
            _context.Progress.Message(string.Create(CultureInfo.InvariantCulture, $"sigah: {start.ToString().ToLowerInvariant()} start, validation {metric.Name} {score:F4}"));
            if (score > bestScore)
            {
                bestScore = score;
                best = (network, start);
            }
        }
        return best!.Value;
    }

    /// <summary>
    /// A model of mapped rows with the codes of the start's <paramref name="network"/>, cheap to score: without offsets
    /// the start's bits are [(z − μ')·P &gt; 0], one r × m projection instead of the generator's r × hidden layer (the
    /// generator reproduces those signs; only exact-zero margins could differ).
    /// </summary>
    private static IHashModel ScoringModel(LinearStart linear, Sequential network, int m) =>
        linear.Offsets.Length == 0 ? new LinearHashModel("start", new LinearProjection(linear.Mean, linear.Projection, m)) : OnMappedRows(network);

    /// <summary>
    /// The start's logits (z − μ')·P + c as z·P + c' with c' = c − μ'·P: the generator takes the standardised rows z
    /// as they are, so the start's own mean μ' moves into the offsets.
    /// </summary>
    private static (float[] Projection, float[] Offsets) OnCentredInputs(LinearStart linear, int m)
    {
        var (mean, projection, offsets) = linear;
        int d = mean.Length;
        var shifted = new float[m];
        if (offsets.Length == m) offsets.CopyTo(shifted, 0);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < m; j++) shifted[j] -= mean[i] * projection[i * m + j];
        return (projection, shifted);
    }

    /// <summary>The anchors' nearest training rows, as deep as the rows allow; null when the neighbour term is off.</summary>
    private TrainingNeighbours? ComputeNeighbours(FloatMatrix rows, Random random)
    {
        var s = _settings;
        if (s.NeighbourWeight <= 0) return null;
        int depth = Math.Min(s.NeighbourDepth, rows.Rows - 1);
        if (depth < 1) throw new Sigah.Core.UserInputException($"{_context.InputName}: the neighbour term needs at least 2 training rows, got {rows.Rows}");
        _context.Progress.Message($"sigah: the {depth} nearest training rows of {Math.Min(s.Anchors, rows.Rows)} anchors");
        return TrainingNeighbours.Compute(rows, s.Anchors, depth, random, _context.Progress);
    }

    /// <summary>Root-mean-square of each output of z·projection + offsets over a sample of rows: the per-bit spread.</summary>
    private static float[] OutputScales(FloatMatrix rows, float[] projection, float[] offsets, int m)
    {
        int d = rows.Cols, n = Math.Min(ScaleSampleRows, rows.Rows);
        var sample = new float[n * d];
        int stride = rows.Rows / n;
        for (int i = 0; i < n; i++) rows.Row(i * stride).CopyTo(sample.AsSpan(i * d, d));
        var projected = new float[n * m];
        Gemm.Sgemm(Transpose.No, Transpose.No, n, m, d, 1f, sample, d, projection, m, 0f, projected, m);
        for (int i = 0; i < n; i++) TensorPrimitives.Add(projected.AsSpan(i * m, m), offsets, projected.AsSpan(i * m, m));
        var scales = new float[m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) scales[j] += projected[i * m + j] * projected[i * m + j];
        for (int j = 0; j < m; j++) scales[j] = MathF.Max(MathF.Sqrt(scales[j] / n), 1e-6f);
        return scales;
    }

    /// <summary>The state of one training run: networks, optimisers and batch buffers.</summary>
    private sealed class Run
    {
        private readonly SigahOptions _s;
        private readonly TrainingContext _context;
        private readonly FloatMatrix _x;
        private readonly Inputs _inputs;
        private readonly Sequential _generator;
        private readonly ValidationSplit? _split;
        private readonly CountingRandom _random;
        private long _setupSamples;
        private readonly int _batch;
        private readonly BatchBuffers _generatorBuffers, _reencodeBuffers;
        private readonly AffinityLoss? _affinity;
        private readonly CodeBank? _bank;
        private readonly NeighbourRankingLoss? _neighbourLoss;
        private readonly int[] _anchors;
        private readonly ISynthesis? _synthesis;
        private readonly EnergyDiscriminator? _discriminator;
        private readonly Adam _generatorOptimiser;
        private readonly Adam? _synthesisOptimiser, _discriminatorOptimiser;
        private readonly float _margin;
        private readonly float[] _rows, _codes, _codeGradient, _preSignGradient, _syntheticGradient, _reencodeGradient, _reencodeInputGradient;
        private readonly SigahLosses _losses = new();
        private PackedCodes? _lastCodes;
        private readonly List<double> _history;

        public Run(SigahTrainer owner, Inputs inputs, Sequential generator, ValidationSplit? split, TrainingNeighbours? neighbours, CountingRandom random)
        {
            var centred = inputs.Train;
            _inputs = inputs;
            _s = owner._settings;
            _context = owner._context;
            _history = owner._history;
            _x = centred;
            _generator = generator;
            _split = split;
            _random = random;
            int d = centred.Cols, m = _s.Bits;
            _batch = Math.Min(_s.BatchSize, centred.Rows);
            _generatorBuffers = generator.CreateBuffers(_batch);
            _reencodeBuffers = generator.CreateBuffers(_batch);
            if (_s.GeometryWeight > 0) _affinity = new AffinityLoss(_batch, d, m, _s.Target, (float)_s.Locality);
            _anchors = new int[_batch];
            if (neighbours is not null)
            {
                _bank = new CodeBank(centred.Rows, m);
                int nearest = Math.Min(_s.NearestCount, neighbours.Depth);
                int hard = neighbours.Depth > nearest ? _s.HardNegatives : 0;
                // With too few rows for hard negatives, random ones take their place.
                int randomNegatives = hard + _s.RandomNegatives == 0 ? _s.HardNegatives : _s.RandomNegatives;
                _neighbourLoss = new NeighbourRankingLoss(neighbours, _bank, _batch, _s.Positives, nearest, hard, randomNegatives, (float)_s.KappaFor(m));
            }
            _generatorOptimiser = new Adam(generator.Parameters, (float)_s.LearningRate);
            if (_s.UsesSynthesis)
            {
                _synthesis = _s.Decoder == SigahDecoder.Ista
                    ? new IstaSynthesis(m, _s.Atoms, d, _s.IstaSteps, _batch, random)
                    : new MlpSynthesis(m, _s.DiscriminatorHidden, d, _batch, random);
                _synthesisOptimiser = new Adam(_synthesis.Parameters, (float)_s.AuxLearningRate);
            }
            if (_s.AdversarialWeight > 0)
            {
                _discriminator = new EnergyDiscriminator(d, _s.DiscriminatorHidden, _batch, random);
                _discriminatorOptimiser = new Adam(_discriminator.Parameters, (float)_s.AuxLearningRate);
            }
            _margin = (float)(_s.MarginFactor * MeanSquaredNorm(centred));
            _rows = new float[_batch * d];
            _codes = new float[_batch * m];
            _codeGradient = new float[_batch * m];
            _preSignGradient = new float[_batch * m];
            _syntheticGradient = new float[_batch * d];
            _reencodeGradient = new float[_batch * m];
            _reencodeInputGradient = new float[_batch * d];
        }

        /// <summary>The generator's step size at the end of the run (lower than the setting after each decay).</summary>
        public double LearningRate => _generatorOptimiser.LearningRate;

        public void Execute()
        {
            int n = _x.Rows, stepsPerEpoch = Math.Max(1, n / _batch);
            int totalSteps = _s.StepsFor(n);
            int checkEvery = Math.Max(1, (totalSteps + _s.Checks - 1) / _s.Checks);
            int warmupSteps = (int)Math.Round(_s.AuxWarmup * totalSteps);
            var schedule = _s.CosineSchedule ? new CosineSchedule((float)_s.LearningRate, totalSteps) : null;
            var metric = _context.ValidationMetric;
            bool validating = _split is not null && metric is not null;
            // The start is the first entry of the early-stopping record, so training can only keep or improve it.
            double bestScore = validating ? Check() : double.NaN;
            if (validating) Report($"start: validation {metric!.Name} {bestScore:F4}; {totalSteps} steps, a check every {checkEvery}");
            else RefreshBank();
            _losses.Reset();
            Record(0, bestScore);
            var best = Snapshot();
            int sinceBest = 0, decays = 0;
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            var batchRows = new int[_batch];
            _losses.Reset();
            int resumed = 0;
            _setupSamples = _random.Samples;
            if (_context.Resume) (resumed, bestScore, sinceBest, decays) = ReadCheckpoint(best, order);
            for (int done = resumed; done < totalSteps;)
            {
                _context.Cancellation.ThrowIfCancellationRequested();
                int step = done % stepsPerEpoch;
                if (step == 0 && _neighbourLoss is null) Shuffle(order);
                // The auxiliary terms ramp in over the warm-up: until S and D have learned, their gradients are noise to f.
                float ramp = warmupSteps > 0 ? (float)Math.Min(1.0, (double)done / warmupSteps) : 1f;
                if (schedule is not null) _generatorOptimiser.LearningRate = schedule.LearningRate(done);
                TrainStep(NextBatch(order, step, batchRows), ramp);
                _context.Progress.Report("sigah: training", ++done, totalSteps);
                // Each check refreshes the code bank; the last one falls on the last step.
                if (done % checkEvery != 0 && done != totalSteps) continue;
                if (!validating)
                {
                    RefreshBank();
                    Report($"step {done}/{totalSteps}: {_losses}");
                    Record(done, double.NaN);
                    _losses.Reset();
                    WriteCheckpoint(done, bestScore, sinceBest, decays, best, order);
                    continue;
                }
                double score = Check();
                bool improved = score > bestScore;
                Report($"step {done}/{totalSteps}: {_losses}  validation {metric!.Name} {score:F4}{(improved ? " (best)" : "")}");
                Record(done, score);
                _losses.Reset();
                if (improved)
                {
                    bestScore = score;
                    best = Snapshot();
                    sinceBest = 0;
                }
                else if (++sinceBest >= _s.Patience)
                {
                    Report($"early stop: no improvement in {_s.Patience} checks");
                    break;
                }
                else if (sinceBest >= _s.DecayPatience && decays < _s.Decays && schedule is null)
                {
                    // Past its best at this step size: go back to the best generator and carry on with a smaller step.
                    decays++;
                    sinceBest = 0;
                    Restore(best);
                    RefreshBank();
                    _generatorOptimiser.LearningRate *= (float)_s.LearningRateDecay;
                    Report($"no improvement in {_s.DecayPatience} checks: back to validation {metric.Name} {bestScore:F4}, lr {_generatorOptimiser.LearningRate:G3}");
                }
                WriteCheckpoint(done, bestScore, sinceBest, decays, best, order);
            }
            if (!validating) return;
            Restore(best);
            Report($"kept validation {metric!.Name} {bestScore:F4}");
        }

        /// <summary>
        /// The next batch's training rows: with the neighbour term, anchors drawn at random (their indices kept in
        /// the anchor buffer); otherwise the step's slice of the epoch's shuffled order.
        /// </summary>
        private ReadOnlySpan<int> NextBatch(int[] order, int step, int[] batchRows)
        {
            if (_neighbourLoss is null) return order.AsSpan(step * _batch, _batch);
            for (int i = 0; i < _batch; i++)
            {
                _anchors[i] = _random.Next(_neighbourLoss.Anchors);
                batchRows[i] = _neighbourLoss.RowOf(_anchors[i]);
            }
            return batchRows;
        }

        /// <summary>One alternating step on the given rows; <paramref name="ramp"/> ∈ [0, 1] scales the auxiliary weights.</summary>
        private void TrainStep(ReadOnlySpan<int> batchRows, float ramp)
        {
            int b = batchRows.Length, d = _x.Cols, m = _s.Bits;
            var x = _rows.AsSpan(0, b * d);
            for (int i = 0; i < b; i++) _x.Row(batchRows[i]).CopyTo(x.Slice(i * d, d));

            var u = _generator.Forward(_generatorBuffers, x, b);
            var codes = _codes.AsSpan(0, b * m);
            MaskedKernels.Sign(u, codes);
            var codeGradient = _codeGradient.AsSpan(0, b * m);
            codeGradient.Clear();
            double neighbours = _neighbourLoss?.Compute(_anchors.AsSpan(0, b), codes, (float)_s.NeighbourWeight, codeGradient, _random) ?? 0;
            double geometry = _affinity?.Compute(x, codes, b, (float)_s.GeometryWeight, codeGradient) ?? 0;

            double reconstruction = 0, adversarial = 0, consistency = 0, discriminator = 0, realEnergy = double.NaN, syntheticEnergy = double.NaN;
            ReadOnlySpan<float> synthetic = default;
            // The auxiliary terms act on the first rows of the batch only: they regularise, and a sub-batch keeps their cost small.
            int a = Math.Min(_s.AuxBatchSize, b);
            var xa = x[..(a * d)];
            var codesA = codes[..(a * m)];
            if (_synthesis is not null)
            {
                synthetic = _synthesis.Forward(codesA, a);
                var syntheticGradient = _syntheticGradient.AsSpan(0, a * d);
                reconstruction = Reconstruction(synthetic, xa, ramp * (float)_s.ReconstructionWeight, syntheticGradient);
                if (_discriminator is not null)
                {
                    adversarial = _discriminator.Energy(synthetic, a);
                    _discriminator.Backward(ramp * (float)_s.AdversarialWeight, parameterGradients: false, syntheticGradient);
                }
                if (_s.ConsistencyWeight > 0)
                {
                    var reencoded = _generator.Forward(_reencodeBuffers, synthetic, a);
                    var reencodeGradient = _reencodeGradient.AsSpan(0, a * m);
                    consistency = ConsistencyLoss.Compute(codesA, reencoded, ramp * (float)_s.ConsistencyWeight, reencodeGradient);
                    var inputGradient = _reencodeInputGradient.AsSpan(0, a * d);
                    _generator.Backward(_reencodeBuffers, reencodeGradient, inputGradient);
                    TensorPrimitives.Add(syntheticGradient, inputGradient, syntheticGradient);
                }
                _synthesis.Backward(syntheticGradient, codeGradient);
            }
            var preSignGradient = _preSignGradient.AsSpan(0, b * m);
            MaskedKernels.PassWhereWithinUnit(u, codeGradient, preSignGradient);
            _generator.Backward(_generatorBuffers, preSignGradient);
            _generatorOptimiser.Step();
            if (_synthesis is not null)
            {
                _synthesisOptimiser!.Step();
                _synthesis.Project();
            }
            if (_discriminator is not null)
            {
                // The discriminator's turn: low energy on real rows, at least the margin on synthetic ones (x̃ held fixed).
                double real = _discriminator.Energy(xa, a);
                realEnergy = real;
                _discriminator.Backward(1f, parameterGradients: true, default);
                double fake = _discriminator.Energy(synthetic, a);
                syntheticEnergy = fake;
                if (fake < _margin) _discriminator.Backward(-1f, parameterGradients: true, default);
                _discriminatorOptimiser!.Step();
                discriminator = real + Math.Max(0, _margin - fake);
            }
            _losses.AddGame(realEnergy, syntheticEnergy, _synthesis?.ZeroFraction ?? double.NaN);
            _losses.Add(neighbours, geometry, reconstruction, adversarial, consistency, discriminator);
        }

        /// <summary>‖x̃ − x‖²/(n d); writes scale · d/dx̃ into <paramref name="gradient"/> (overwriting it).</summary>
        private static double Reconstruction(ReadOnlySpan<float> synthetic, ReadOnlySpan<float> x, float scale, Span<float> gradient)
        {
            TensorPrimitives.Subtract(synthetic, x, gradient);
            double loss = TensorPrimitives.SumOfSquares(gradient) / gradient.Length;
            TensorPrimitives.Multiply(gradient, 2f * scale / gradient.Length, gradient);
            return loss;
        }

        private static double MeanSquaredNorm(FloatMatrix x)
        {
            double sum = 0;
            for (int i = 0; i < x.Rows; i++) sum += TensorPrimitives.SumOfSquares(x.Row(i));
            return sum / ((double)x.Rows * x.Cols);
        }

        /// <summary>Refreshes the code bank and scores the validation split with the same base codes.</summary>
        private double Check()
        {
            var model = OnMappedRows(_generator);
            var trainCodes = RefreshBank() ?? model.EncodeAll(_inputs.Train);
            _lastCodes = trainCodes;
            double score = _inputs.Score(trainCodes, model, _split!, _context.ValidationMetric!);
            _history.Add(score);
            return score;
        }

        /// <summary>Re-encodes every training row into the code bank and returns the codes; null when the neighbour term is off.</summary>
        private PackedCodes? RefreshBank()
        {
            if (_bank is null) return null;
            var codes = OnMappedRows(_generator).EncodeAll(_inputs.Train);
            _bank.Update(codes);
            _lastCodes = codes;
            return codes;
        }

        /// <summary>Hands the check at <paramref name="step"/> to the context's observer: the stretch's losses and game, the codes' balance, the score.</summary>
        private void Record(int step, double score)
        {
            if (_context.OnCheck is null) return;
            var values = new List<(string Name, double Value)>(_losses.Columns())
            {
                ("balanced_bits", _lastCodes is null ? double.NaN : BalancedBits(_lastCodes)),
                ("validation_map", score),
                ("learning_rate", _generatorOptimiser.LearningRate),
            };
            _context.OnCheck(new TrainingCheck(step, values));
        }

        /// <summary>The fraction of bits whose mean over the codes (as ±1) lies within ±0.1 of 0.</summary>
        internal static double BalancedBits(PackedCodes codes)
        {
            var ones = new long[codes.Bits];
            for (int i = 0; i < codes.Count; i++)
                for (int j = 0; j < codes.Bits; j++)
                    if (codes.GetBit(i, j)) ones[j]++;
            return ones.Count(o => Math.Abs(2.0 * o / codes.Count - 1) <= 0.1) / (double)codes.Bits;
        }

        private void Shuffle(int[] order)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = _random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        private const string CheckpointMagic = "sigah-checkpoint-1";

        private string CheckpointPath => Path.Combine(_context.CheckpointDirectory!, "sigah.checkpoint");

        private IEnumerable<Adam?> Optimisers => [_generatorOptimiser, _synthesisOptimiser, _discriminatorOptimiser];

        private IEnumerable<Parameter> AllParameters =>
            _generator.Parameters.Concat(_synthesis?.Parameters ?? []).Concat(_discriminator?.Parameters ?? []);

        /// <summary>
        /// Saves the whole state at a check (atomically): the step, the early-stopping record, every network and Adam state,
        /// the kept best generator, the epoch order and how far the random stream has run. The code bank is the current
        /// generator's codes at a check, so it is recomputed on resume.
        /// </summary>
        private void WriteCheckpoint(int done, double bestScore, int sinceBest, int decays, float[][] best, int[] order)
        {
            if (_context.CheckpointDirectory is null) return;
            Sigah.IO.AtomicFile.Write(CheckpointPath, stream =>
            {
                using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                w.Write(CheckpointMagic);
                w.Write(_s.Bits);
                w.Write(_x.Rows);
                w.Write(_setupSamples);
                w.Write(_random.Samples);
                w.Write(done);
                w.Write(bestScore);
                w.Write(sinceBest);
                w.Write(decays);
                w.Write(_history.Count);
                foreach (double h in _history) w.Write(h);
                foreach (int i in order) w.Write(i);
                foreach (var p in AllParameters) ModelPayload.WriteFloats(w, p.Value);
                foreach (var values in best) ModelPayload.WriteFloats(w, values);
                foreach (var adam in Optimisers) adam?.WriteState(w);
            });
        }

        /// <summary>Restores what <see cref="WriteCheckpoint"/> saved into this run, set up identically from the same seed and data.</summary>
        private (int Done, double BestScore, int SinceBest, int Decays) ReadCheckpoint(float[][] best, int[] order)
        {
            string path = CheckpointPath;
            if (!File.Exists(path)) throw new Sigah.Core.UserInputException($"{path}: no checkpoint to resume from");
            using var r = new BinaryReader(File.OpenRead(path));
            try
            {
                if (r.ReadString() != CheckpointMagic || r.ReadInt32() != _s.Bits || r.ReadInt32() != _x.Rows || r.ReadInt64() != _setupSamples)
                    throw new Sigah.Core.UserInputException($"{path}: a checkpoint of another run (method, settings, data or seed differ)");
                long samples = r.ReadInt64();
                int done = r.ReadInt32();
                double bestScore = r.ReadDouble();
                int sinceBest = r.ReadInt32(), decays = r.ReadInt32(), checks = r.ReadInt32();
                _history.Clear();
                for (int i = 0; i < checks; i++) _history.Add(r.ReadDouble());
                for (int i = 0; i < order.Length; i++) order[i] = r.ReadInt32();
                foreach (var p in AllParameters) ModelPayload.ReadFloats(r, p.Value.Length).CopyTo(p.Value, 0);
                foreach (var values in best) ModelPayload.ReadFloats(r, values.Length).CopyTo(values, 0);
                foreach (var adam in Optimisers) adam?.ReadState(r);
                _random.SkipTo(samples);
                RefreshBank();
                Report($"resumed at step {done} from {path}");
                return (done, bestScore, sinceBest, decays);
            }
            catch (EndOfStreamException)
            {
                throw new Sigah.Core.UserInputException($"{path}: the checkpoint is truncated");
            }
        }

        private float[][] Snapshot() => _generator.Parameters.Select(p => (float[])p.Value.Clone()).ToArray();

        private void Restore(float[][] snapshot)
        {
            for (int i = 0; i < snapshot.Length; i++) snapshot[i].CopyTo(_generator.Parameters[i].Value, 0);
        }

        private void Report(FormattableString text) =>
            _context.Progress.Message("sigah: " + text.ToString(CultureInfo.InvariantCulture));
    }
}
