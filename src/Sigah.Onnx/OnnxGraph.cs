using System.Runtime.InteropServices;

namespace Sigah.Onnx;

/// <summary>
/// Builds one ONNX graph from float32 <c>vectors</c> [n, d] to uint8 <c>codes</c> [n, bytes]: constants
/// (the graph's initialiser list), nodes in execution order, and finally the model file (IR version 8, default-domain opset 17).
/// Field numbers are those of onnx.proto.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The opset the nodes are written for.</summary>
    public const int Opset = 17;
    private const int IrVersion = 8;
    private const int Int64Type = 7;

    /// <summary>ONNX element type numbers, for <c>Cast</c>.</summary>
    public const int FloatType = 1, UInt8Type = 2, DoubleType = 11;
    private const int AttributeFloat = 1, AttributeInt = 2, AttributeInts = 7;

    private readonly List<Action<ProtoWriter>> _initialisers = [];
    private readonly List<Action<ProtoWriter>> _nodes = [];
    private int _names;

    /// <summary>The graph's input, float32 [n, d].</summary>
    public static string Input => "vectors";

    /// <summary>The graph's output, uint8 [n, bytes].</summary>
    public static string Output => "codes";

    /// <summary>A float32 constant of shape <paramref name="dims"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dims) =>
        AddInitialiser(hint, FloatType, MemoryMarshal.AsBytes(values).ToArray(), dims);

    /// <summary>A float64 constant of shape <paramref name="dims"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<double> values, params long[] dims) =>
        AddInitialiser(hint, DoubleType, MemoryMarshal.AsBytes(values).ToArray(), dims);

    /// <summary>An int64 constant of shape <paramref name="dims"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<long> values, params long[] dims) =>
        AddInitialiser(hint, Int64Type, MemoryMarshal.AsBytes(values).ToArray(), dims);

    /// <summary>Appends a node of operator <paramref name="op"/> with one output, which it returns.</summary>
    public string Node(string op, string[] inputs, params (string Name, object Value)[] attributes) =>
        NodeWithOutputs(op, 1, inputs, attributes)[0];

    /// <summary>Appends a node with <paramref name="outputs"/> outputs and returns their names.</summary>
    public string[] NodeWithOutputs(string op, int outputs, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var names = Enumerable.Range(0, outputs).Select(_ => Fresh(op.ToLowerInvariant())).ToArray();
        _nodes.Add(w =>
        {
            foreach (var input in inputs) w.String(1, input);
            foreach (var output in names) w.String(2, output);
            w.String(3, names[0]);
            w.String(4, op);
            foreach (var (name, value) in attributes) w.Message(5, a => WriteAttribute(a, name, value));
        });
        return names;
    }

    /// <summary>Names <paramref name="value"/> the graph output <c>codes</c> (uint8 [n, bytes]) and writes the model file.</summary>
    public byte[] ToModel(string value, int dimension, int bytes, string method, string description)
    {
        _nodes.Add(w =>
        {
            w.String(1, value);
            w.String(2, Output);
            w.String(3, Output);
            w.String(4, "Identity");
        });
        var model = new ProtoWriter();
        model.Varint(1, IrVersion);
        model.String(2, "sigah");
        model.String(3, typeof(OnnxGraph).Assembly.GetName().Version?.ToString(3) ?? "");
        model.String(6, description);
        model.Message(7, g =>
        {
            foreach (var node in _nodes) g.Message(1, node);
            g.String(2, method);
            foreach (var initialiser in _initialisers) g.Message(5, initialiser);
            g.Message(11, v => WriteValueInfo(v, Input, FloatType, dimension));
            g.Message(12, v => WriteValueInfo(v, Output, UInt8Type, bytes));
        });
        model.Message(8, o =>
        {
            o.String(1, "");
            o.Varint(2, Opset);
        });
        model.Message(14, e =>
        {
            e.String(1, "sigah.method");
            e.String(2, method);
        });
        return model.ToArray();
    }

    private string AddInitialiser(string hint, int type, byte[] raw, long[] dims)
    {
        string name = Fresh(hint);
        _initialisers.Add(t =>
        {
            foreach (long dim in dims) t.Varint(1, dim);
            t.Varint(2, type);
            t.String(8, name);
            t.Bytes(9, raw);
        });
        return name;
    }

    private string Fresh(string hint) => $"{hint}_{_names++}";

    private static void WriteAttribute(ProtoWriter a, string name, object value)
    {
        a.String(1, name);
        switch (value)
        {
            case int i:
                a.Varint(3, i);
                a.Varint(20, AttributeInt);
                break;
            case long l:
                a.Varint(3, l);
                a.Varint(20, AttributeInt);
                break;
            case long[] ints:
                foreach (long v in ints) a.Varint(8, v);
                a.Varint(20, AttributeInts);
                break;
            case float f:
                a.Float(2, f);
                a.Varint(20, AttributeFloat);
                break;
            default:
                throw new ArgumentException($"attribute {name}: {value.GetType().Name} values are not supported", nameof(value));
        }
    }

    private static void WriteValueInfo(ProtoWriter v, string name, int elementType, int columns)
    {
        v.String(1, name);
        v.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, elementType);
            tensor.Message(2, shape =>
            {
                shape.Message(1, dim => dim.String(2, "n"));
                shape.Message(1, dim => dim.Varint(1, columns));
            });
        }));
    }
}
