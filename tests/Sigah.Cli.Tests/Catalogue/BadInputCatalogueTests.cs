using Sigah.IO;
using Sigah.Hashing;

namespace Sigah.Cli.Tests.Catalogue;

/// <summary>
/// The catalogue of bad input: every reader and command run through the real CLI on a damaged file or a bad
/// option, each with the exit code and the exact one-line message a user sees. The files are described in
/// <see cref="CatalogueFiles"/>.
/// </summary>
public sealed class BadInputCatalogueTests(CatalogueFiles files) : IClassFixture<CatalogueFiles>
{
    private static readonly string KnownMethods = string.Join(", ", HasherRegistry.All.Select(h => h.Method));
    private const string Known = "(known: .fvecs, .ivecs, .bvecs, .fbin, .u8bin, .ibin, .npy, .hdf5:DATASET, .h5:DATASET, .mat[:VARIABLE], *-idx3-ubyte[.gz])";

    public static TheoryData<string, string, string> Rows => new()
    {
        // Vector files, through train, encode and gt.
        { "truncated row", "train --method lsh --bits 64 --input truncated.fvecs --model m.model", "truncated.fvecs: row 2 is truncated" },
        { "dimension changes mid-file", "train --method lsh --bits 64 --input dimchange.fvecs --model m.model", "dimchange.fvecs: row 5 has dimension 15, expected 16" },
        { "header claims 2^31 rows", "encode --model lsh.model --input huge.fbin --output c.npy", "huge.fbin: row 1 is truncated (header says 2147483647 rows of dimension 16)" },
        { "negative dimension", "train --method lsh --bits 64 --input negdim.fvecs --model m.model", "negdim.fvecs: row 0 has invalid dimension -16" },
        { "zero dimension", "gt --base zerodim.fbin --queries queries.fvecs -k 5 --output gt.npy", "zerodim.fbin: invalid header: 5 rows of dimension 0" },
        { "NaN in training vectors", "train --method lsh --bits 64 --input nan.fvecs --model m.model", "nan.fvecs: row 3 has a non-finite value" },
        { "infinity in queries", "gt --base base.fvecs --queries inf.fvecs -k 5 --output gt.npy", "inf.fvecs: row 4 has a non-finite value" },
        { "empty training file", "train --method lsh --bits 64 --input empty.fvecs --model m.model", "empty.fvecs: has no rows" },
        { "input dimension differs from the model", "encode --model lsh.model --input other-dim.npy --output c.npy", "other-dim.npy: vectors have dimension 17, the model expects 16" },
        { "Fortran-order .npy", "train --method lsh --bits 64 --input fortran.npy --model m.model", "fortran.npy: Fortran-order arrays are not supported (save with C order)" },
        { "wrong dtype in .npy vectors", "encode --model lsh.model --input float16.npy --output c.npy", "float16.npy: unsupported dtype '<f2' (supported: <f4, <f8, |u1, <i4, <i8)" },
        { ".npy header larger than the file", "train --method lsh --bits 64 --input short-header.npy --model m.model", "short-header.npy: header is larger than the file" },
        { "HDF5 without the named dataset", "train --method lsh --bits 64 --input ann.hdf5:test --model m.model", "ann.hdf5: no dataset 'test' (has: train)" },
        { "HDF5 without a dataset name", "encode --model lsh.model --input ann.hdf5 --output c.npy", "ann.hdf5: name the HDF5 dataset after a colon, e.g. file.hdf5:train" },
        { "IDX with a wrong magic number", "train --method lsh --bits 64 --input bad-idx3-ubyte --model m.model", "bad-idx3-ubyte: not an IDX file (bad magic)" },
        { "IDX.gz that is not gzip", "train --method lsh --bits 64 --input notgzip-idx3-ubyte.gz --model m.model", "notgzip-idx3-ubyte.gz: not a valid gzip file (The archive entry was compressed using an unsupported compression method.)" },
        { "IDX.gz header claiming 2^31 rows", "gt --base short-idx3-ubyte.gz --queries queries.fvecs -k 1 --output gt.npy", "short-idx3-ubyte.gz: row 0 is truncated (header says 2147483647 rows of dimension 784)" },
        { "unknown vector extension", "train --method lsh --bits 64 --input vectors.txt --model m.model", $"vectors.txt: unknown vector file extension '.txt' {Known}" },
        { "missing input file", "encode --model lsh.model --input nothere.fvecs --output c.npy", "nothere.fvecs: no such file" },
        // Models.
        { "model of another format version", "encode --model v2.model --input queries.fvecs --output c.npy", "v2.model: model format version 2 is not supported (expected 1)" },
        { "model with a flipped byte", "encode --model flipped.model --input queries.fvecs --output c.npy", "flipped.model: model file is corrupted (checksum mismatch)" },
        { "truncated model", "encode --model truncated.model --input queries.fvecs --output c.npy", "truncated.model: model file is corrupted (checksum mismatch)" },
        { "not a model file", "encode --model notamodel.model --input queries.fvecs --output c.npy", "notamodel.model: not a Sigah model file (bad magic)" },
        { "missing model", "encode --model none.model --input queries.fvecs --output c.npy", "none.model: no such file" },
        { "missing model to export", "export --model none.model --output m.onnx", "none.model: no such file" },
        { "corrupted model to export", "export --model flipped.model --output m.onnx", "flipped.model: model file is corrupted (checksum mismatch)" },
        // Codes and indexes.
        { "index whose checksum fails", "search --index flipped.index --query-codes queries.codes.npy -k 5 --output ids.npy", "flipped.index: checksum mismatch: the file is corrupted" },
        { "truncated index", "search --index truncated.index --query-codes queries.codes.npy -k 5 --output ids.npy", "truncated.index: truncated: 4596 bytes, expected 4696" },
        { "index of another format version", "search --index v7.index --query-codes queries.codes.npy -k 5 --output ids.npy", "v7.index: index format version 7 is not supported (this build reads version 2)" },
        { "query codes of the wrong width for an index", "search --index base.index --query-codes q32.codes.npy -k 5 --output ids.npy", "q32.codes.npy: codes have 32 bits but base.index holds 64-bit codes" },
        { "query codes of the wrong width for base codes", "search --base-codes base.codes.npy --query-codes q32.codes.npy -k 5 --output ids.npy --method mih", "q32.codes.npy: codes have 32 bits but base.codes.npy holds 64-bit codes" },
        { "codes of the wrong width in eval", "eval --base-codes base.codes.npy --query-codes q32.codes.npy --gt gt.ivecs", "q32.codes.npy: codes have 32 bits, the base codes have 64" },
        { "codes with a float dtype", "index build --codes float.codes.npy --output i.index", "float.codes.npy: codes must have dtype uint8 ('|u1'), found '<f4'" },
        { "codes that are not 2-D", "search --base-codes flat.codes.npy --query-codes queries.codes.npy -k 5 --output ids.npy", "flat.codes.npy: codes must be a 2-D array (n, bits/8), found shape (80,)" },
        { "empty base codes in eval", "eval --base-codes empty.codes.npy --query-codes queries.codes.npy --gt gt.ivecs", "empty.codes.npy: holds no codes" },
        // Ground truth.
        { "ground truth with a float dtype", "eval --base-codes base.codes.npy --query-codes queries.codes.npy --gt float-gt.npy", "float-gt.npy: neighbour ids must have dtype int32 or int64, found '<f4'" },
        { "ground truth id beyond the base", "eval --base-codes base.codes.npy --query-codes queries.codes.npy --gt outofrange-gt.npy", "outofrange-gt.npy: query 3 lists neighbour 205, outside the 200 base codes" },
        { "ground truth for fewer queries", "eval --base-codes base.codes.npy --query-codes queries.codes.npy --gt fewrows-gt.npy", "fewrows-gt.npy: has 3 queries, the query codes have 10" },
        // Outputs.
        { "output directory does not exist", "search --base-codes base.codes.npy --query-codes queries.codes.npy -k 5 --output nodir/ids.npy", "ids.npy: cannot write: directory does not exist" },
        { "output is a directory", "encode --model lsh.model --input queries.fvecs --output out.npy", "out.npy: cannot write: it is a directory" },
        { "export output is a directory", "export --model lsh.model --output out.npy", "out.npy: cannot write: it is a directory" },
        { "output under a regular file", "train --method lsh --bits 64 --input base.fvecs --model base.fvecs/m.model", "m.model: cannot write: directory does not exist" },
        // Changing an index, and benchmarks.
        { "adding codes of the wrong width to an index", "index add --index base.index --codes q32.codes.npy", "q32.codes.npy: codes have 32 bits but base.index holds 64-bit codes" },
        { "removing from a corrupted index", "index remove --index flipped.index --ids some-ids.npy", "flipped.index: checksum mismatch: the file is corrupted" },
        { "bench on a dataset that does not exist", "bench --dataset nowhere --out bench-out", "nowhere: not a dataset name (fashion-mnist), directory, file prefix (PREFIX_base.fvecs) or HDF5 file" },
        { "bench output is a file", "bench --dataset base.fvecs --out base.fvecs", "--out: base.fvecs is a file, not a directory" },
        { "bench output under a file", "bench --dataset base.fvecs --out base.fvecs/sub", "--out: cannot create directory sub (a parent is a file, or permission is denied)" },
        { "bench code length not a multiple of 8", "bench --bits 16,12 --out bench-out", "--bits: '12' is not a positive multiple of 8 up to 4096" },
        { "bench unknown method", "bench --methods lsh,nope --out bench-out", $"--methods: unknown method 'nope' (known: {KnownMethods})" },
        { "bench relevance that is not a kind", "bench --relevance bogus --out bench-out", "--relevance: 'bogus' is not neighbours or labels" },
        { "bench labels with a ground-truth depth", "bench --relevance labels --gt-k 10 --out bench-out", "--relevance: labels take no --gt-k or --gt-percent" },
        { "bench empty seed list", "bench --seeds , --out bench-out", "--seeds: empty list" },
        { "bench seed listed twice", "bench --seeds 0,1,0 --out bench-out", "--seeds: 0 is listed twice" },
        { "bench negative seed", "bench --seeds 0,-2 --out bench-out", "--seeds: '-2' is not a non-negative integer" },
        { "bench seed that is not an integer", "bench --seeds 0,1.5 --out bench-out", "--seeds: '1.5' is not a non-negative integer" },
        { "bench --seed and --seeds together", "bench --seed 1 --seeds 0,1 --out bench-out", "--seeds: give either --seed or --seeds, not both" },
        { "bench setting without its method", "bench --param epochs=2 --out bench-out", "--param: 'epochs=2' does not name its method; write method.name=value (e.g. sigah.epochs=2)" },
        { "bench setting without a value", "bench --param sigah.epochs --out bench-out", "--param: 'sigah.epochs' is not method.name=value" },
        { "bench setting of a method not run", "bench --methods lsh,itq --param sgh.epochs=2 --out bench-out", "--param: unknown method 'sgh' in 'sgh.epochs=2' (methods run: lsh, itq)" },
        { "bench setting given twice", "bench --param itq.iterations=5 --param itq.iterations=6 --out bench-out", "--param: 'itq.iterations' is given twice" },
        { "bench setting the method does not have", "bench --methods lsh,itq --param itq.epochs=2 --out bench-out", "--param: 'epochs' is not a setting of method 'itq'" },
        { "bench SiGAH setting that does not exist", "bench --param sigah.epoch=2 --out bench-out", "--param: 'epoch' is not a setting of method 'sigah'" },
        // Options.
        { "k of zero in search", "search --base-codes base.codes.npy --query-codes queries.codes.npy -k 0 --output ids.npy", "-k must be at least 1, got 0" },
        { "negative k in gt", "gt --base base.fvecs --queries queries.fvecs -k -3 --output gt.npy", "-k must be at least 1, got -3" },
        { "bits not a multiple of 8", "train --method lsh --bits 12 --input base.fvecs --model m.model", "--bits: 12 is not a positive multiple of 8 up to 4096" },
        { "zero bits", "train --method itq --bits 0 --input base.fvecs --model m.model", "--bits: 0 is not a positive multiple of 8 up to 4096" },
        { "checkpoint for a method without training state", "train --method itq --bits 8 --input base.fvecs --checkpoint . --model m.model", "--checkpoint: itq has no training state to save (sigah and sigah-paper have)" },
        { "resume from a directory that does not exist", "train --method sigah --bits 8 --input base.fvecs --resume nowhere --model m.model", "--resume: nowhere is not a directory" },
        { "unknown training method", "train --method nope --bits 64 --input base.fvecs --model m.model", $"--method: unknown method 'nope' (known: {KnownMethods})" },
        { "unknown search method", "search --base-codes base.codes.npy --query-codes queries.codes.npy -k 5 --output ids.npy --method fast", "--method must be linear or mih, got 'fast'" },
        { "non-numeric k", "search --base-codes base.codes.npy --query-codes queries.codes.npy -k ten --output ids.npy", "Cannot parse argument 'ten' for option '-k' as expected type 'System.Int32'." },
        { "missing required option", "encode --model lsh.model --input queries.fvecs", "Option '--output' is required." },
        { "both --index and --base-codes", "search --index base.index --base-codes base.codes.npy --query-codes queries.codes.npy -k 5 --output ids.npy", "give exactly one of --index and --base-codes" },
        { "zero --gt-k", "eval --base-codes base.codes.npy --query-codes queries.codes.npy --gt gt.ivecs --gt-k 0", "--gt-k: 0 is not a positive number of neighbours" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Bad_input_is_one_error_line_and_exit_code_1(string kind, string args, string message)
    {
        var result = CliHarness.RunIn(files.Directory, args.Split(' '));
        Assert.True(result.ExitCode == 1 && result.StdErr == $"error: {message}\n",
            $"{kind}: exit code {result.ExitCode}, stderr: {result.StdErr}");
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void K_larger_than_the_database_pads_with_minus_one_instead_of_failing()
    {
        var search = CliHarness.RunIn(files.Directory,
            "search", "--base-codes", "small.codes.npy", "--query-codes", "queries.codes.npy", "-k", "8", "--output", "pad-ids.npy", "--distances", "pad-d.npy", "--method", "mih");
        Assert.True(search.ExitCode == 0, search.StdErr);
        var ids = NpyFile.Read(files.Path("pad-ids.npy"));
        var distances = NpyFile.Read(files.Path("pad-d.npy"));
        Assert.Equal([CatalogueFiles.QueryRows, 8], ids.Shape);
        long[] idValues = ids.ToInt64();
        int[] distanceValues = distances.ToInt32();
        for (int q = 0; q < CatalogueFiles.QueryRows; q++)
        {
            Assert.Equal([0, 1, 2, 3, 4], idValues.AsSpan(q * 8, 5).ToArray().Order().ToArray());
            Assert.Equal([-1, -1, -1], idValues.AsSpan(q * 8 + 5, 3).ToArray());
            Assert.Equal([-1, -1, -1], distanceValues.AsSpan(q * 8 + 5, 3).ToArray());
        }

        var gt = CliHarness.RunIn(files.Directory, "gt", "--base", "queries.fvecs", "--queries", "queries.fvecs", "-k", "12", "--output", "pad-gt.npy");
        Assert.True(gt.ExitCode == 0, gt.StdErr);
        long[] gtIds = NpyFile.Read(files.Path("pad-gt.npy")).ToInt64();
        for (int q = 0; q < CatalogueFiles.QueryRows; q++)
        {
            Assert.Equal(q, gtIds[q * 12]);
            Assert.Equal([-1, -1], gtIds.AsSpan(q * 12 + 10, 2).ToArray());
        }
    }

    [Fact]
    public void An_empty_index_answers_every_query_with_minus_one()
    {
        var build = CliHarness.RunIn(files.Directory, "index", "build", "--codes", "empty.codes.npy", "--output", "empty.index");
        Assert.True(build.ExitCode == 0, build.StdErr);
        var search = CliHarness.RunIn(files.Directory, "search", "--index", "empty.index", "--query-codes", "queries.codes.npy", "-k", "3", "--output", "empty-ids.npy");
        Assert.True(search.ExitCode == 0, search.StdErr);
        var ids = NpyFile.Read(files.Path("empty-ids.npy"));
        Assert.Equal([CatalogueFiles.QueryRows, 3], ids.Shape);
        Assert.All(ids.ToInt64(), id => Assert.Equal(-1, id));
    }
}
