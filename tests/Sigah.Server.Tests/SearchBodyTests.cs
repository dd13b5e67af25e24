using System.Text;
using Sigah.Server.Api;

namespace Sigah.Server.Tests;

public class SearchBodyTests
{
    [Theory]
    [InlineData("""{"vectors": [[1, 2.5, -3e-2]], "k": 4}""")]
    [InlineData("""{ "k" : 7 , "rerank": 0, "radius": null, "vectors" : [ [1,2,3] , [4,5,6] ] }""")]
    [InlineData("""{"vectors": [[1,2,3]], "vectors": [[7,8,9]], "radius": 2}""")]
    [InlineData("""{"vectors": []}""")]
    [InlineData("""{"vectors": [[1e39,0,0]]}""")]
    public void A_well_formed_body_reads_as_the_general_deserializer_reads_it(string json)
    {
        var fast = SearchBody.TryRead(Encoding.UTF8.GetBytes(json), 3);
        Assert.NotNull(fast);
        var general = RequestBodies.Parse(Encoding.UTF8.GetBytes(json), ApiJson.Api.SearchRequest);
        Assert.Equal(general.Vectors!.Length, fast.Value.Count);
        Assert.Equal(general.Vectors.SelectMany(r => r), fast.Value.Vectors);
        Assert.Equal((general.K, general.Rerank, general.Radius), (fast.Value.K, fast.Value.Rerank, fast.Value.Radius));
    }

    [Theory]
    [InlineData("""{"vectors": [[1,2,3""")]
    [InlineData("""{"vector": [[1,2,3]]}""")]
    [InlineData("""{"vectors": [[1,2]]}""")]
    [InlineData("""{"vectors": [[1,2,"x"]]}""")]
    [InlineData("""{"vectors": [[1,2,3]], "k": "5"}""")]
    [InlineData("""{"vectors": [[1,2,3]], "k": 5.5}""")]
    [InlineData("""{"vectors": null}""")]
    [InlineData("""{"k": 5}""")]
    [InlineData("""{"vectors": [[1,2,3]]} trailing""")]
    [InlineData("""[[1,2,3]]""")]
    public void Anything_else_is_left_to_the_general_deserializer(string json) =>
        Assert.Null(SearchBody.TryRead(Encoding.UTF8.GetBytes(json), 3));
}
