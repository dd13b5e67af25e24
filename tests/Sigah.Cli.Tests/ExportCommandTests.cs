using Sigah.Core.Data;
using Sigah.IO;
using Sigah.Hashing;
using Sigah.Onnx;

namespace Sigah.Cli.Tests;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    [Fact]
    public void Export_writes_the_onnx_form_of_the_trained_model()
    {
        var random = new Random(2);
        var rows = new FloatMatrix(200, 24);
        for (int i = 0; i < rows.Data.Length; i++) rows.Data[i] = (float)random.NextDouble();
        VectorFile.Write(Path("train.fvecs"), rows);
        Assert.Equal(0, CliHarness.Run("train", "--method", "itq", "--bits", "16", "--input", Path("train.fvecs"), "--model", Path("itq.model")).ExitCode);

        var exported = CliHarness.Run("export", "--model", Path("itq.model"), "--output", Path("itq.onnx"));

        Assert.Equal(0, exported.ExitCode);
        Assert.Equal("itq: 16-bit model of 24 dimensions -> itq.onnx\n", exported.StdOut);
        Assert.Equal(OnnxExport.ToBytes(ModelFile.Load(Path("itq.model"))), File.ReadAllBytes(Path("itq.onnx")));
        Assert.Equal([Path("itq.model"), Path("itq.onnx"), Path("train.fvecs")], Directory.GetFiles(_dir).Order());
    }
}
