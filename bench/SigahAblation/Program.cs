using System.Diagnostics;
using System.Globalization;
using Sigah.Core.Data;
using Sigah.Core.IO;
using Sigah.Core.Knn;
using Sigah.Core.Progress;
using Sigah.Evaluation.Metrics;
using Sigah.Hashing;

// Trains one hasher on Fashion-MNIST (60K train = base, first N test rows = queries, exact top-100 ground truth)
// and prints its test mAP and training time: the runner behind bench/sigah-ablation.sh.
// Usage: SigahAblation --method sigah --bits 64 [--seed S] [--queries 1000] [--param name=value]...
string method = "sigah";
int bits = 64, seed = 0, queries = 1000;
var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--method": method = args[++i]; break;
        case "--bits": bits = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--queries": queries = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--param":
            var pair = args[++i].Split('=', 2);
            parameters[pair[0]] = pair[1];
            break;
        default: throw new ArgumentException($"unknown argument {args[i]}");
    }
}

const string Root = "/usr/share/datasets/fashion-mnist/";
var scale = new VectorReadOptions { Scale = 1f / 255 };
FloatMatrix train = VectorFile.Read(Root + "train-images-idx3-ubyte.gz", scale);
FloatMatrix test = VectorFile.Read(Root + "t10k-images-idx3-ubyte.gz", scale with { MaxRows = queries });
int[][] truth = ExactKnn.Search(train, test, 100).ToLists();

var metric = new MeanAveragePrecisionMetric();
var info = HasherRegistry.Get(method);
var options = new HasherOptions(bits, parameters);
var hasher = info.Create(options);
options.EnsureAllUsed(method);
var context = new TrainingContext { Seed = seed, ValidationMetric = metric, Progress = new ConsoleMessages() };
var clock = Stopwatch.StartNew();
var model = hasher.Fit(train, context);
double seconds = clock.Elapsed.TotalSeconds;
double map = metric.Score(model.EncodeAll(train), model.EncodeAll(test), truth);
string settings = string.Join(' ', parameters.Select(p => $"{p.Key}={p.Value}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT method={method} bits={bits} seed={seed} mAP={map:F4} train_s={seconds:F1} {settings}"));

/// <summary>Prints training messages (not the per-step progress) with a timestamp.</summary>
internal sealed class ConsoleMessages : IProgressSink
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Report(string stage, long done, long total) { }

    public void Message(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1}s] {text}"));
}
