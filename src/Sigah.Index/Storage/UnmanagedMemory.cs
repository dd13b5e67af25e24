using System.Buffers;

namespace Sigah.Index.Storage;

/// <summary>
/// <see cref="Memory{T}"/> over native memory owned elsewhere (a memory-mapped view), so mapped and managed
/// index data go through the same code. The owner keeps the memory alive for as long as this is used.
/// </summary>
internal sealed unsafe class UnmanagedMemory<T>(T* pointer, int length) : MemoryManager<T> where T : unmanaged
{
    /// <inheritdoc/>
    public override Span<T> GetSpan() => new(pointer, length);

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    /// <inheritdoc/>
    public override void Unpin() { }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) { }
}
