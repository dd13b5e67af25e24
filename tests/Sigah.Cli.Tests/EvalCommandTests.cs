using System.Text.Json;
using Sigah.Core.Codes;
using Sigah.Core.IO;

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
        NeighborFile.WriteIds(File("gt.npy"), [2, 4, 0], 1, 3);
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
        NeighborFile.WriteIds(File("bad.ivecs"), [7], 1, 1);
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
}
