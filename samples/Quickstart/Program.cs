using Sigah.Core.Knn;
using Sigah.Evaluation.Metrics;
using Sigah.Hashing;
using Sigah.Hashing.Adversarial;
using Sigah.Hashing.Linear;
using Sigah.IO.Data;
using Sigah.Index;

// Fashion-MNIST (Debian's dataset-fashion-mnist): 60,000 training images as the base, 1,000 test images as queries.
var data = Datasets.Load("fashion-mnist");
var queries = data.Queries.SelectRows([.. Enumerable.Range(0, 1000)]);
int[][] truth = ExactKnn.Search(data.Train, queries, k: 100).ToLists();   // the true 100 nearest, Euclidean

IHasher[] hashers =
[
    new ItqHasher(new ItqOptions { Bits = 64 }),
    new SigahHasher(new SigahOptions { Bits = 64, MinSteps = 300, MaxSteps = 300 }),   // a short run; the default trains longer
];
foreach (var hasher in hashers)
{
    IHashModel model = hasher.Fit(data.Train, new TrainingContext { Seed = 1 });
    var baseCodes = model.EncodeAll(data.Train);
    var queryCodes = model.EncodeAll(queries);
    using var index = HammingIndex.FromCodes(baseCodes);
    HammingKnnResult nearest = index.Search(queryCodes, k: 10);
    RetrievalMetrics metrics = RetrievalEvaluator.Evaluate(baseCodes, queryCodes, truth);
    Console.WriteLine($"{model.Method}: mAP {metrics.MeanAveragePrecision:F4}; query 0's nearest codes: " +
        $"{string.Join(", ", nearest.IdsOf(0)[..3].ToArray())} at Hamming distance {string.Join(", ", nearest.DistancesOf(0)[..3].ToArray())}");
}
