using System.CommandLine;
using System.Diagnostics;
using Sigah.Cli.Progress;
using Sigah.Core;
using Sigah.Evaluation.Training;
using Sigah.Hashing;
using Sigah.IO;

namespace Sigah.Cli.Commands;

/// <summary>
/// <c>sigah train --method M --bits N --input X [--var NAME] [--seed S] [--max-train N] [--param k=v ...] [--curves DIR]
/// [--checkpoint DIR | --resume DIR] --model M</c>.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method")
        {
            Description = "Hashing method: " + string.Join(", ", HasherRegistry.All.Select(h => h.Method)),
            Required = true,
        };
        var bits = new Option<int>("--bits") { Description = "Code length in bits (a multiple of 8)", Required = true };
        var input = CommonOptions.RequiredPath("--input", "Training vectors (any vector file format)");
        var model = CommonOptions.RequiredPath("--model", "Where to write the fitted model");
        var seed = CommonOptions.Seed();
        var scale = CommonOptions.Scale();
        var variable = CommonOptions.Var();
        var maxTrain = new Option<int?>("--max-train") { Description = "Train on a seeded random subset of this many rows" };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A method setting as name=value (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };

        var curves = new Option<string?>("--curves")
        {
            Description = "Write the validation checks of an iterative trainer (sigah, sigah-paper) to DIR/curves.csv and DIR/curves.png",
        };

        var checkpoint = new Option<string?>("--checkpoint") { Description = "Save the whole training state into DIR at every validation check (sigah, sigah-paper)" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run whose checkpoint is in DIR (same input, method, settings and seed), saving there as it goes" };

        var command = new Command("train", "Fit a hashing method on training vectors and save the model");
        foreach (var option in new Option[] { method, bits, input, variable, seed, maxTrain, parameters, scale, curves, checkpoint, resume, model })
            command.Options.Add(option);
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string modelPath = AtomicFile.CheckWritable(parse.GetValue(model)!);
            string? curvesDirectory = parse.GetValue(curves);
            if (curvesDirectory is not null && !Directory.Exists(curvesDirectory))
                throw new UserInputException($"--curves: {curvesDirectory} is not a directory");
            var info = HasherNames.Find(parse.GetValue(method)!, "--method");
            if (curvesDirectory is not null && !info.Iterative)
                throw new UserInputException($"--curves: {info.Method} has no validation checks to write (sigah and sigah-paper have)");
            string? resumeDirectory = parse.GetValue(resume);
            string? checkpointDirectory = parse.GetValue(checkpoint) ?? resumeDirectory;
            if (resumeDirectory is not null && parse.GetValue(checkpoint) is { } other && other != resumeDirectory)
                throw new UserInputException("--resume: give the same DIR as --checkpoint, or --resume alone");
            if (checkpointDirectory is not null && !info.Iterative)
                throw new UserInputException($"--checkpoint: {info.Method} has no training state to save (sigah and sigah-paper have)");
            if (checkpointDirectory is not null && !Directory.Exists(checkpointDirectory))
                throw new UserInputException($"--{(resumeDirectory is null ? "checkpoint" : "resume")}: {checkpointDirectory} is not a directory");
            var checks = new List<TrainingCheck>();
            var settings = ParseSettings(parse.GetValue(parameters) ?? []);
            var hasher = OptionErrors.Run(info, () => info.Create(parse.GetValue(bits), settings));
            string inputPath = CommonOptions.WithVariable(parse.GetValue(input)!, parse.GetValue(variable));
            int runSeed = parse.GetValue(seed);
            int? trainLimit = parse.GetValue(maxTrain);
            if (trainLimit < 1) throw new UserInputException($"--max-train: {trainLimit} must be at least 1");
            var train = TrainingSet.Read(inputPath, parse.GetValue(scale), trainLimit, runSeed);
            var clock = Stopwatch.StartNew();
            var fitted = ProgressRunner.Run(progress => OptionErrors.Run(info, () => hasher.Fit(train, new TrainingContext
            {
                Seed = runSeed,
                Progress = progress,
                InputName = Path.GetFileName(inputPath),
                OnCheck = curvesDirectory is null ? null : checks.Add,
                CheckpointDirectory = checkpointDirectory,
                Resume = resumeDirectory is not null,
            })));
            double seconds = clock.Elapsed.TotalSeconds;
            ModelFile.Save(fitted, modelPath);
            if (curvesDirectory is not null)
                TrainingCurves.Write(curvesDirectory, checks, $"{info.Method}, {fitted.Bits} bits, {Path.GetFileName(inputPath)}");
            Console.WriteLine($"{info.Method}: {fitted.Bits} bits from {train.Rows} x {train.Cols} vectors in {seconds:F2} s -> {Path.GetFileName(modelPath)}");
            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>Turns <c>name=value</c> tokens into settings; a malformed or repeated one is a user error.</summary>
    private static Dictionary<string, string> ParseSettings(string[] tokens)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UserInputException($"--param: '{token}' is not name=value");
            if (!settings.TryAdd(token[..eq], token[(eq + 1)..]))
                throw new UserInputException($"--param: '{token[..eq]}' is given twice");
        }
        return settings;
    }
}
