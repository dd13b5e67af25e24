using System.CommandLine;
using Sigah.Core;
using Sigah.IO;
using Sigah.Hashing;
using Sigah.Onnx;

namespace Sigah.Cli.Commands;

/// <summary><c>sigah export --model M --output M.onnx</c>: the model as an ONNX graph from float32 vectors to packed codes.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = CommonOptions.RequiredPath("--model", "A model written by sigah train");
        var output = CommonOptions.RequiredPath("--output", "ONNX file to write: float32 vectors [n, d] -> uint8 codes [n, bits/8]");
        var command = new Command("export", "Export a trained model as ONNX, to encode from any language with ONNX Runtime");
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction(new Func<ParseResult, int>(parse =>
        {
            string outputPath = AtomicFile.CheckWritable(parse.GetValue(output)!);
            string modelPath = parse.GetValue(model)!;
            var fitted = ModelFile.Load(modelPath);
            try
            {
                OnnxExport.Save(fitted, outputPath);
            }
            catch (NotSupportedException e)
            {
                throw new UserInputException($"{modelPath}: {e.Message}");
            }
            Console.WriteLine($"{fitted.Method}: {fitted.Bits}-bit model of {fitted.Dimension} dimensions -> {Path.GetFileName(outputPath)}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
