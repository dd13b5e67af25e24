namespace Sigah.IO;

/// <summary>The vector file formats Sigah reads, chosen by file extension.</summary>
internal enum VectorFormat
{
    /// <summary>TEXMEX float32 rows, each prefixed by its int32 dimension.</summary>
    Fvecs,
    /// <summary>TEXMEX int32 rows.</summary>
    Ivecs,
    /// <summary>TEXMEX uint8 rows.</summary>
    Bvecs,
    /// <summary>big-ann: int32 rows, int32 dimension, then float32 data.</summary>
    Fbin,
    /// <summary>big-ann with uint8 data.</summary>
    U8bin,
    /// <summary>big-ann with int32 data.</summary>
    Ibin,
    /// <summary>NumPy 2-D array.</summary>
    Npy,
    /// <summary>A 2-D dataset of an HDF5 file, named after a colon.</summary>
    Hdf5,
    /// <summary>A 2-D numeric variable of a MATLAB MAT-file (v5 or v7.3), optionally named after a colon.</summary>
    Mat,
    /// <summary>MNIST IDX file of unsigned bytes.</summary>
    Idx,
    /// <summary>Gzip-compressed MNIST IDX file.</summary>
    IdxGz,
}
