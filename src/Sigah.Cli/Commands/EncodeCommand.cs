using System.CommandLine;
using Sigah.Cli.Progress;
using Sigah.IO;
using Sigah.Hashing;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah encode --model M --input X [--var NAME] --output CODES.npy</c>.</summary>
internal static class EncodeCommand
{
    public static Command Create()
    {
        var model = CommonOptions.RequiredPath("--model", "A model written by sigah train");
        var input = CommonOptions.RequiredPath("--input", "Vectors to encode (any vector file format)");
        var output = CommonOptions.RequiredPath("--output", "Codes file to write (.npy uint8, n x bits/8)");
        var variable = CommonOptions.Var();
        var scale = CommonOptions.Scale();

        var command = new Command("encode", "Encode vectors into packed binary codes with a trained model");
        foreach (var option in new Option[] { model, input, variable, output, scale }) command.Options.Add(option);
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string outputPath = AtomicFile.CheckWritable(parse.GetValue(output)!);
            var fitted = ModelFile.Load(parse.GetValue(model)!);
            string inputSpec = CommonOptions.WithVariable(parse.GetValue(input)!, parse.GetValue(variable));
            using var source = VectorFile.Open(inputSpec, new VectorReadOptions { Scale = parse.GetValue(scale) });
            var codes = ProgressRunner.Run(progress => fitted.EncodeAll(source, progress));
            CodesFile.Write(outputPath, codes);
            return CliRunner.Ok;
        }));
        return command;
    }
}
