"""Writes the h5py fixtures of Sigah's HDF5 reader tests (run with Debian's python: /usr/bin/python3 make-fixtures.py).

Every dataset holds value(i, j, ...) of Hdf5Fixture.Value in the C# tests, so the tests know each element:
base = (31 * i + 7 * j + 3 * k) % 101; signed integers store base - 50, unsigned ones base + 100, floats (base - 50) / 4.
default.hdf5 uses h5py's default settings (superblock 0, symbol-table groups, v1 B-trees); latest.hdf5 the same tree
with libver='latest' (superblock 3, link messages, fixed array indexes (paged in more/paged), extensible array and v2 B-tree
chunk indexes, dense links in 'wide' and 'wider'). more/strings and more/link are what Sigah does not read. ann-benchmarks.hdf5 has the layout of the ann-benchmarks files.
"""
import h5py
import numpy as np


def values(shape, dtype):
    idx = np.indices(shape) if len(shape) else np.zeros((0,))
    weights = [31, 7, 3][: len(shape)]
    base = sum(w * i for w, i in zip(weights, idx)) % 101
    kind = np.dtype(dtype).kind
    if kind == "f":
        return ((base - 50) / 4).astype(dtype)
    if kind == "u":
        return (base + 100).astype(dtype)
    return (base - 50).astype(dtype)


def write_tree(f, latest):
    f["f32"] = values((6, 5), "<f4")
    f["f64"] = values((6, 5), "<f8")
    ints = f.create_group("ints")
    for t in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]:
        ints[t] = values((4, 3), "<" + t)
    be = f.create_group("be")
    for t in ["f4", "f8", "i4", "u2"]:
        be[t] = values((4, 3), ">" + t)
    chunks = f.create_group("chunks")
    chunks.create_dataset("plain", data=values((37, 11), "<f4"), chunks=(5, 4))
    chunks.create_dataset("gzip", data=values((37, 11), "<f4"), chunks=(8, 4), compression="gzip", compression_opts=6)
    chunks.create_dataset("shuffle", data=values((37, 11), "<f4"), chunks=(8, 11), shuffle=True, compression="gzip")
    chunks.create_dataset("fletcher", data=values((37, 11), "<f8"), chunks=(10, 6), shuffle=True, compression="gzip", fletcher32=True)
    chunks.create_dataset("many", data=values((300, 3), "<i4"), chunks=(1, 3))
    partial = chunks.create_dataset("partial", shape=(20, 4), dtype="<f4", chunks=(5, 4), fillvalue=-1.5)
    partial[5:10] = values((20, 4), "<f4")[5:10]
    chunks.create_dataset("single", data=values((6, 5), "<f4"), chunks=(6, 5))
    chunks.create_dataset("single_gzip", data=values((6, 5), "<u1"), chunks=(6, 5), compression="gzip")
    # Chunks allocated when the dataset is made: libver='latest' then indexes them implicitly (no index at all).
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((5, 4))
    dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
    h5py.h5d.create(chunks.id, b"implicit", h5py.h5t.IEEE_F32LE, h5py.h5s.create_simple((12, 7)), dcpl=dcpl).write(
        h5py.h5s.ALL, h5py.h5s.ALL, values((12, 7), "<f4"))
    more = f.create_group("more")
    space = h5py.h5s.create_simple((3, 4))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    h5py.h5d.create(more.id, b"compact", h5py.h5t.IEEE_F32LE, space, dcpl=dcpl).write(
        h5py.h5s.ALL, h5py.h5s.ALL, values((3, 4), "<f4"))
    more.create_dataset("resizable", data=values((20, 6), "<f4"), chunks=(7, 6), maxshape=(None, 6))
    more.create_dataset("resizable2", data=values((20, 6), "<f4"), chunks=(7, 4), maxshape=(None, None))
    more["vec1d"] = values((10,), "<f4")
    more["cube3d"] = values((2, 3, 4), "<f4")
    more["empty"] = np.zeros((0, 3), "<f4")
    more.create_group("group").create_group("sub")["data"] = values((4, 3), "<f4")
    more["strings"] = np.array([[b"ab", b"cd"]], "S2")
    more["link"] = h5py.SoftLink("/f32")
    if latest:  # over 1024 chunks: a paged fixed array (the default file's v1 B-tree has 'many' for depth)
        more.create_dataset("paged", data=values((1100, 2), "<u1"), chunks=(1, 2))
        # 600 chunks: the extensible array's index block, data blocks it points to, and super blocks.
        f.create_dataset("appendable", data=values((600, 2), "<i2"), chunks=(1, 2), maxshape=(None, 2))
        # 100 links: a v2 B-tree of more than one level over the dense links.
        wider = f.create_group("wider")
        for n in range(100):
            wider[f"d{n:03}"] = np.full((1, 1), n, "<u1")
    wide = f.create_group("wide")
    for n in range(40):
        wide[f"d{n:02}"] = np.full((1, 2), n, "<i4")


with h5py.File("default.hdf5", "w") as f:
    write_tree(f, latest=False)
with h5py.File("latest.hdf5", "w", libver="latest") as f:
    write_tree(f, latest=True)
with h5py.File("ann-benchmarks.hdf5", "w") as f:
    f.attrs["distance"] = "euclidean"
    f.attrs["point_type"] = "float"
    f["train"] = values((50, 8), "<f4")
    f["test"] = values((5, 8), "<f4")
    f["neighbors"] = (np.arange(5 * 4).reshape(5, 4) * 3 % 50).astype("<i4")
    f["distances"] = np.linspace(0, 1, 20, dtype="<f4").reshape(5, 4)
