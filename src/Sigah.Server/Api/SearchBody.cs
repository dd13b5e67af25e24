using System.Text.Json;

namespace Sigah.Server.Api;

/// <summary>
/// The common search body, <c>{"vectors": [[…d numbers…], …], "k": …, "rerank": …, "radius": …}</c>, read straight
/// into one row-major array: about half the time of deserializing the vectors as arrays of arrays, which matters when
/// a request is one vector and the search itself takes a quarter of a millisecond. Anything else (a member it does not
/// know, a string where a number goes, a row of another length, broken JSON) makes it give up, and the caller parses
/// the body with the general deserializer, whose problem names the field.
/// </summary>
internal static class SearchBody
{
    /// <summary>The parts of a well-formed search body, or null when the general deserializer must judge it.</summary>
    public static (int Count, float[] Vectors, int? K, int? Rerank, int? Radius)? TryRead(ReadOnlySpan<byte> json, int dimension)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            List<float>? values = null;
            int rows = 0;
            int? k = null, rerank = null, radius = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType != JsonTokenType.PropertyName) return null;
                if (reader.ValueTextEquals("vectors"u8))
                {
                    values = new List<float>(dimension);
                    if (!reader.Read() || !ReadRows(ref reader, dimension, values, out rows)) return null;
                }
                else if (reader.ValueTextEquals("k"u8)) { if (!ReadInt(ref reader, out k)) return null; }
                else if (reader.ValueTextEquals("rerank"u8)) { if (!ReadInt(ref reader, out rerank)) return null; }
                else if (reader.ValueTextEquals("radius"u8)) { if (!ReadInt(ref reader, out radius)) return null; }
                else return null;
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || values is null) return null;
            return (rows, [.. values], k, rerank, radius);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool ReadRows(ref Utf8JsonReader reader, int dimension, List<float> values, out int rows)
    {
        rows = 0;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            int start = values.Count;
            while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                if (!reader.TryGetSingle(out float value)) return false;
                values.Add(value);
            }
            if (reader.TokenType != JsonTokenType.EndArray || values.Count - start != dimension) return false;
            rows++;
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadInt(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int number)) return false;
        value = number;
        return true;
    }
}
