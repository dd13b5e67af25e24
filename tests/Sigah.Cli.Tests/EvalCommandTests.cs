using System.Text.Json;
using Sigah.Core.Codes;
using Sigah.IO;

namespace Sigah.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sigah-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    /// <summary>Base codes at distances 1,0,1,2,0 from the zero query; truth {2, 4} (hand-computed: mAP .5, tie-averaged 2/3).</summary>
    private void WriteHandExample()
    {
        CodesFile.Write(File("base.npy"), new PackedCodes(5, 8, [0b1, 0, 0b1, 0b11, 0]));
        CodesFile.Write(File("queries.npy"), new PackedCodes(1, 8));
        NeighbourFile.WriteIds(File("gt.npy"), [2, 4, 0], 1, 3);
    }

    [Fact]
    public void Prints_the_contract_keys_and_writes_the_same_object_to_the_json_file()
    {
        WriteHandExample();
        var result = CliHarness.Run("eval", "--base-codes", File("base.npy"), "--query-codes", File("queries.npy"),
            "--gt", File("gt.npy"), "--gt-k", "2", "--json", File("out.json"));

        Assert.Equal("", result.StdErr);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(result.StdOut, System.IO.File.ReadAllText(File("out.json")));
        var root = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal(0.5, root.GetProperty("mAP").GetDouble(), 1e-12);
        Assert.Equal(2.0 / 3, root.GetProperty("mAP_tie_avg").GetDouble(), 1e-12);
        Assert.Equal(0, root.GetProperty("precision_at").GetProperty("1").GetDouble());
        Assert.Equal(1, root.GetProperty("recall_at").GetProperty("5").GetDouble(), 1e-12);
        Assert.Equal(0.4, root.GetProperty("precision_r2").GetDouble(), 1e-12);
        Assert.Equal(1, root.GetProperty("recall_r2").GetDouble(), 1e-12);
        Assert.Equal(0.25, root.GetProperty("pr_auc").GetDouble(), 1e-12);
    }

    [Fact]
    public void All_ground_truth_columns_are_used_by_default()
    {
        WriteHandExample();
        var result = CliHarness.Run("eval", "--base-codes", File("base.npy"), "--query-codes", File("queries.npy"), "--gt", File("gt.npy"));
        Assert.Equal(0, result.ExitCode);
        // Truth {2, 4, 0}: ranking 1, 4*, 0*, 2*, 3 → AP = (1/2 + 2/3 + 3/4) / 3.
        Assert.Equal((0.5 + 2.0 / 3 + 0.75) / 3, JsonDocument.Parse(result.StdOut).RootElement.GetProperty("mAP").GetDouble(), 1e-12);
    }

    [Fact]
    public void Codes_of_different_lengths_are_a_user_error_naming_the_query_file()
    {
        WriteHandExample();
        CodesFile.Write(File("wide.npy"), new PackedCodes(1, 16));
        var result = CliHarness.Run("eval", "--base-codes", File("base.npy"), "--query-codes", File("wide.npy"), "--gt", File("gt.npy"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: wide.npy: codes have 16 bits, the base codes have 8\n", result.StdErr);
    }

    [Fact]
    public void Ground_truth_outside_the_base_is_a_user_error_naming_the_file()
    {
        WriteHandExample();
        NeighbourFile.WriteIds(File("bad.ivecs"), [7], 1, 1);
        var result = CliHarness.Run("eval", "--base-codes", File("base.npy"), "--query-codes", File("queries.npy"), "--gt", File("bad.ivecs"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: bad.ivecs: query 0 lists neighbour 7, outside the 5 base codes\n", result.StdErr);
    }

    [Fact]
    public void A_non_positive_gt_k_is_a_user_error()
    {
        WriteHandExample();
        var result = CliHarness.Run("eval", "--base-codes", File("base.npy"), "--query-codes", File("queries.npy"), "--gt", File("gt.npy"), "--gt-k", "0");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --gt-k: 0 is not a positive number of neighbours\n", result.StdErr);
    }

    /// <summary>The hand example's codes with labels 0, 1, 1, 0, 1 and a query labelled 1: ranking 1*, 4*, 0, 2*, 3.</summary>
    private void WriteLabelExample()
    {
        WriteHandExample();
        NpyFile.Write<long>(File("bl.npy"), [0, 1, 1, 0, 1], 5);
        NpyFile.Write<int>(File("ql.npy"), [1], 1, 1);
    }

    private string[] LabelArgs(params string[] more) =>
        ["eval", "--base-codes", File("base.npy"), "--query-codes", File("queries.npy"), "--base-labels", File("bl.npy"), "--query-labels", File("ql.npy"), .. more];

    [Fact]
    public void Labels_make_same_label_items_relevant_with_map_at_k_and_chosen_cutoffs()
    {
        WriteLabelExample();
        var result = CliHarness.Run(LabelArgs("--map-at", "3", "--cutoffs", "5,1, 2,2"));
        Assert.Equal("", result.StdErr);
        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal((1 + 1 + 0.75) / 3, root.GetProperty("mAP").GetDouble(), 1e-12);
        Assert.Equal(3, root.GetProperty("map_at").GetInt32());
        Assert.Equal(1.0, root.GetProperty("mAP_at_k").GetDouble(), 1e-12);
        Assert.Equal(["1", "2", "5"], root.GetProperty("precision_at").EnumerateObject().Select(p => p.Name));
        Assert.Equal([1.0, 1.0, 0.6], root.GetProperty("precision_at").EnumerateObject().Select(p => p.Value.GetDouble()));
        Assert.Equal(1.0 / 3, root.GetProperty("recall_at").GetProperty("1").GetDouble(), 1e-12);
    }

    [Fact]
    public void Map_at_k_is_reported_only_when_asked_for_and_works_with_ground_truth_too()
    {
        WriteHandExample();
        string[] args = ["eval", "--base-codes", File("base.npy"), "--query-codes", File("queries.npy"), "--gt", File("gt.npy"), "--gt-k", "2"];
        var plain = JsonDocument.Parse(CliHarness.Run(args).StdOut).RootElement;
        Assert.False(plain.TryGetProperty("map_at", out _));
        Assert.False(plain.TryGetProperty("mAP_at_k", out _));
        // Truth {2, 4}: ranking 1, 4*, 0, 2*, 3 → within the top 2 one hit at rank 2.
        var atTwo = JsonDocument.Parse(CliHarness.Run([.. args, "--map-at", "2"]).StdOut).RootElement;
        Assert.Equal(0.5, atTwo.GetProperty("mAP_at_k").GetDouble(), 1e-12);
    }

    [Fact]
    public void Labels_are_read_from_idx_and_mat_files()
    {
        // v5.mat:labels_col holds 3, 1, 4, 1, 5, 9, 2; base codes at distances 0..6 from the zero query; query label 1.
        CodesFile.Write(File("base7.npy"), new PackedCodes(7, 8, [0, 0b1, 0b11, 0b111, 0b1111, 0b11111, 0b111111]));
        CodesFile.Write(File("queries.npy"), new PackedCodes(1, 8));
        System.IO.File.WriteAllBytes(File("q-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 1, 1]);
        string mat = Path.Combine(CliHarness.RepositoryRoot, "tests/Sigah.Core.Tests/Files/mat/v5.mat");
        var result = CliHarness.Run("eval", "--base-codes", File("base7.npy"), "--query-codes", File("queries.npy"),
            "--base-labels", mat + ":labels_col", "--query-labels", File("q-labels-idx1-ubyte"));
        Assert.Equal("", result.StdErr);
        // Items 1 and 3 (label 1) rank 2nd and 4th: AP = (1/2 + 2/4) / 2.
        Assert.Equal(0.5, JsonDocument.Parse(result.StdOut).RootElement.GetProperty("mAP").GetDouble(), 1e-12);
    }

    [Fact]
    public void Bad_label_and_metric_options_are_one_line_user_errors()
    {
        WriteLabelExample();
        NpyFile.Write<long>(File("bl4.npy"), [0, 1, 1, 0], 4);
        NpyFile.Write<int>(File("ql2.npy"), [1, 1], 2);
        NpyFile.Write<int>(File("ql7.npy"), [7], 1);
        NpyFile.Write<float>(File("fl.npy"), [0, 1, 1, 0, 1], 5);
        string b = File("base.npy"), q = File("queries.npy");
        var cases = new (string[] Args, string Message)[]
        {
            (["eval", "--base-codes", b, "--query-codes", q], "give --gt, or --base-labels with --query-labels"),
            (["eval", "--base-codes", b, "--query-codes", q, "--gt", File("gt.npy"), "--base-labels", File("bl.npy")], "give either --gt or --base-labels with --query-labels, not both"),
            (["eval", "--base-codes", b, "--query-codes", q, "--base-labels", File("bl.npy")], "--base-labels needs --query-labels"),
            (["eval", "--base-codes", b, "--query-codes", q, "--query-labels", File("ql.npy")], "--query-labels needs --base-labels"),
            (LabelArgs("--gt-k", "2"), "--gt-k applies only with --gt"),
            (LabelArgs("--map-at", "0"), "--map-at: 0 is not a positive depth"),
            (LabelArgs("--cutoffs", "1,x"), "--cutoffs: 'x' is not a positive integer"),
            (LabelArgs("--cutoffs", "0"), "--cutoffs: '0' is not a positive integer"),
            (LabelArgs("--cutoffs", "1,10"), "--cutoffs: 10 is beyond the 5 base codes"),
            (LabelArgs("--cutoffs", ","), "--cutoffs: empty list"),
            (["eval", "--base-codes", b, "--query-codes", q, "--base-labels", File("bl4.npy"), "--query-labels", File("ql.npy")], "bl4.npy: has 4 labels, the base codes have 5"),
            (["eval", "--base-codes", b, "--query-codes", q, "--base-labels", File("bl.npy"), "--query-labels", File("ql2.npy")], "ql2.npy: has 2 labels, the query codes have 1"),
            (["eval", "--base-codes", b, "--query-codes", q, "--base-labels", File("bl.npy"), "--query-labels", File("ql7.npy")], "ql7.npy: query 0 has label 7, which no base item has"),
            (["eval", "--base-codes", b, "--query-codes", q, "--base-labels", File("fl.npy"), "--query-labels", File("ql.npy")], "fl.npy: labels must have an integer dtype (<i4, <i8 or |u1), found '<f4'"),
            (["eval", "--base-codes", b, "--query-codes", q, "--base-labels", File("bl.txt"), "--query-labels", File("ql.npy")], "bl.txt: unknown label file extension '.txt' (known: .npy, .mat[:VARIABLE], *-labels-idx1-ubyte[.gz])"),
        };
        foreach (var (args, message) in cases)
        {
            var result = CliHarness.Run(args);
            Assert.Equal($"error: {message}\n", result.StdErr);
            Assert.Equal(1, result.ExitCode);
        }
    }
}
