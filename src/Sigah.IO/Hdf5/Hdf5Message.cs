namespace Sigah.IO.Hdf5;

/// <summary>One header message of an object header: its type, flags and body bytes.</summary>
internal readonly record struct Hdf5Message(Hdf5MessageType Type, byte Flags, byte[] Body)
{
    /// <summary>Flag bit: the body is not here but in a shared object header or the shared message heap.</summary>
    private const byte SharedFlag = 0x02;

    public bool IsShared => (Flags & SharedFlag) != 0;
}

/// <summary>The header message types this reader interprets (the others are skipped).</summary>
internal enum Hdf5MessageType
{
    Dataspace = 0x01,
    LinkInfo = 0x02,
    Datatype = 0x03,
    FillValueOld = 0x04,
    FillValue = 0x05,
    Link = 0x06,
    ExternalFiles = 0x07,
    Layout = 0x08,
    FilterPipeline = 0x0B,
    Attribute = 0x0C,
    Continuation = 0x10,
    SymbolTable = 0x11,
}
