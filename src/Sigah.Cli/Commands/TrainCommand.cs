using System.CommandLine;
using System.Diagnostics;
using Sigah.Cli.Progress;
using Sigah.Core;
using Sigah.IO;
using Sigah.Hashing;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah train --method M --bits N --input X [--var NAME] [--seed S] [--max-train N] [--param k=v ...] --model M</c>.</summary>
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

        var command = new Command("train", "Fit a hashing method on training vectors and save the model");
        foreach (var option in new Option[] { method, bits, input, variable, seed, maxTrain, parameters, scale, model })
            command.Options.Add(option);
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string modelPath = AtomicFile.CheckWritable(parse.GetValue(model)!);
            var info = HasherNames.Find(parse.GetValue(method)!, "--method");
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
            })));
            double seconds = clock.Elapsed.TotalSeconds;
            ModelFile.Save(fitted, modelPath);
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
