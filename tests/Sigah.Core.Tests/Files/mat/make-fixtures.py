"""Writes the MATLAB fixtures of Sigah's .mat reader tests (run here with Debian's python: /usr/bin/python3 make-fixtures.py).

Numeric variables hold value(i, j) of Hdf5Fixture.Value in the C# tests (the formula of ../h5py/make-fixtures.py), i the MATLAB row and j the MATLAB column:
base = (31 * i + 7 * j) % 101; signed integers store base - 50, unsigned ones base + 100, floats (base - 50) / 4.

v5.mat and v5-zlib.mat are scipy.io.savemat's MATLAB 5 files (uncompressed; zlib-compressed miCOMPRESSED elements) with
every numeric class, labels, and what Sigah does not read (char, cell, struct, complex, sparse, a 3-D array).
v5-be.mat is v5-small.mat rewritten big-endian (as MATLAB on a big-endian machine writes it); scipy reads it back
equal. single.mat holds one numeric matrix beside a char array.
v73.mat is the layout MATLAB's -v7.3 writes, by hand with h5py: the MATLAB header in a 512-byte user block, every
matrix stored transposed (HDF5 shape (cols, rows)) with a MATLAB_class attribute, cells as object references, structs
as groups, sparse matrices as groups with MATLAB_sparse, complex numbers as a compound of real and imag, empty arrays
as their dimensions with MATLAB_empty. v73-ub1024.mat has a 1024-byte user block (the superblock is searched at 512,
1024, ...); v73-small.mat holds one matrix (chunked, deflated) beside a char array; v73-plain.mat a bare h5py file with a zeroed 512-byte user block and no attributes. v73-huge.mat declares
matrices no file of its size can hold (chunked, never written): 4 x 2^31 and 2^20 x 2^20 doubles.
"""
import struct
import time

import h5py
import numpy as np
import scipy.io as sio
import scipy.sparse as sp

INTS = ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]
CLASSES = {"f8": "double", "f4": "single", "i1": "int8", "i2": "int16", "i4": "int32", "i8": "int64",
           "u1": "uint8", "u2": "uint16", "u4": "uint32", "u8": "uint64"}
LABELS = [3, 1, 4, 1, 5, 9, 2]


def values(rows, cols, dtype):
    i, j = np.indices((rows, cols))
    base = (31 * i + 7 * j) % 101
    kind = np.dtype(dtype).kind
    if kind == "f":
        return ((base - 50) / 4).astype(dtype)
    if kind == "u":
        return (base + 100).astype(dtype)
    return (base - 50).astype(dtype)


def v5_variables():
    v = {"f64": values(6, 5, "<f8"), "f32": values(6, 5, "<f4")}
    for t in INTS:
        v[t] = values(4, 3, "<" + t)
    v["tall"] = values(300, 2, "<f8")
    v["labels_col"] = np.array(LABELS, "<i4").reshape(-1, 1)
    v["labels_row"] = np.array(LABELS, "<f8").reshape(1, -1)
    v["labels_frac"] = np.array([1, 2.5, 3], "<f8").reshape(-1, 1)
    v["logical"] = np.array([[True, False, True], [False, False, True]])
    v["empty"] = np.zeros((0, 3), "<f8")
    v["text"] = np.array(["hello"])
    v["cell"] = np.array([[values(2, 2, "<f8"), np.array(["x"])]], dtype=object)
    v["st"] = {"a": values(2, 2, "<f8"), "b": np.array(["y"])}
    v["cplx"] = values(3, 2, "<f8") + 1j * values(3, 2, "<f8")
    v["sparse"] = sp.csc_matrix(values(4, 4, "<f8") * (np.eye(4) > 0))
    v["cube"] = np.arange(24, dtype="<f8").reshape(2, 3, 4)
    return v


def savemat(path, variables, compress):
    """scipy.io.savemat, with the header's creation time fixed so the fixtures are the same bytes on every run."""
    sio.savemat(path, variables, do_compression=compress)
    with open(path, "r+b") as f:
        f.write(b"MATLAB 5.0 MAT-file Platform: posix, Created on: Thu Jan  1 00:00:00 1970".ljust(116, b"\0"))


def check(path, expected):
    got = sio.loadmat(path)
    for name, value in expected.items():
        assert np.array_equal(got[name], value), (path, name)


def write_v5():
    v = v5_variables()
    savemat("v5.mat", v, compress=False)
    savemat("v5-zlib.mat", v, compress=True)
    small = {"f64": v["f64"], "f32": v["f32"], "i2": v["i2"], "u4": v["u4"], "i8": v["i8"], "text": v["text"]}
    savemat("v5-small.mat", small, compress=False)
    big_endian("v5-small.mat", "v5-be.mat")
    numeric = {k: x for k, x in small.items() if k != "text"}
    check("v5-be.mat", numeric)
    savemat("single.mat", {"only": values(5, 4, "<f4"), "note": np.array(["a note"])}, compress=True)
    for path in ["v5.mat", "v5-zlib.mat"]:
        check(path, {k: v[k] for k in ["f64", "f32", "tall", "labels_col", "labels_row"] + INTS})


# Element sizes of the miXXX data types that hold numbers, for byte-swapping.
MI_SIZES = {1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8, 16: 1, 17: 2, 18: 4}
MI_MATRIX = 14


def swap_elements(data):
    """Rewrites a sequence of little-endian data elements big-endian (miMATRIX recursively)."""
    out, at = bytearray(), 0
    while at < len(data):
        tag = struct.unpack_from("<I", data, at)[0]
        if tag >> 16:  # small data element: 2-byte type, 2-byte size, 4 bytes of data
            kind, size = tag & 0xFFFF, tag >> 16
            out += struct.pack(">HH", size, kind) + swap_values(kind, data[at + 4:at + 4 + size]).ljust(4, b"\0")
            at += 8
            continue
        kind, size = struct.unpack_from("<II", data, at)
        body = data[at + 8:at + 8 + size]
        body = swap_elements(body) if kind == MI_MATRIX else swap_values(kind, body)
        padded = (size + 7) // 8 * 8
        out += struct.pack(">II", kind, size) + body.ljust(padded, b"\0")
        at += 8 + padded
    return bytes(out)


def swap_values(kind, body):
    n = MI_SIZES[kind]
    if n == 1:
        return bytes(body)
    return np.frombuffer(bytes(body), "<u%d" % n).astype(">u%d" % n).tobytes()


def big_endian(source, target):
    data = open(source, "rb").read()
    header = bytearray(data[:128])
    header[124:128] = b"\x01\x00MI"  # version 0x0100 and the endian indicator, written big-endian
    open(target, "wb").write(bytes(header) + swap_elements(data[128:]))


def matlab_header(version_text, user_block):
    text = ("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: %s HDF5 schema 1.00 ." % version_text).encode()
    return text.ljust(116, b" ") + b"\0" * 8 + b"\x00\x02IM" + b"\0" * (user_block - 128)


def matrix(f, name, m, cls=None, **kwargs):
    """A MATLAB matrix m (rows, cols) as MATLAB -v7.3 stores it: transposed, with its class."""
    d = f.create_dataset(name, data=np.ascontiguousarray(m.T), **kwargs)
    d.attrs["MATLAB_class"] = np.bytes_(cls or CLASSES[m.dtype.str[1:]])
    return d


def write_v73(path, user_block):
    with h5py.File(path, "w", userblock_size=user_block) as f:
        matrix(f, "f64", values(6, 5, "<f8"))
        matrix(f, "f32", values(6, 5, "<f4"))
        for t in INTS:
            matrix(f, t, values(4, 3, "<" + t))
        matrix(f, "tall", values(300, 2, "<f8"), chunks=(1, 64), compression="gzip")
        matrix(f, "labels_col", np.array(LABELS, "<i4").reshape(-1, 1))
        matrix(f, "labels_row", np.array(LABELS, "<f8").reshape(1, -1))
        matrix(f, "logical", np.array([[1, 0, 1], [0, 0, 1]], "u1"), cls="logical")
        matrix(f, "text", np.frombuffer(b"hello", "u1").astype("<u2").reshape(1, -1), cls="char")
        cplx = np.zeros((3, 2), dtype=[("real", "<f8"), ("imag", "<f8")])
        cplx["real"] = cplx["imag"] = values(3, 2, "<f8")
        matrix(f, "cplx", cplx, cls="double")
        empty = f.create_dataset("empty", data=np.array([3, 0], "<u8"))
        empty.attrs["MATLAB_class"] = np.bytes_("double")
        empty.attrs["MATLAB_empty"] = np.uint8(1)
        matrix(f, "cube", np.arange(24, dtype="<f8").reshape(2, 3, 4))
        refs = f.create_group("#refs#")
        a = matrix(refs, "a", values(2, 2, "<f8"))
        cell = f.create_dataset("cell", data=np.array([[a.ref]], dtype=h5py.ref_dtype))
        cell.attrs["MATLAB_class"] = np.bytes_("cell")
        st = f.create_group("st")
        st.attrs["MATLAB_class"] = np.bytes_("struct")
        matrix(st, "a", values(2, 2, "<f8"))
        sparse = f.create_group("sparse")
        sparse.attrs["MATLAB_class"] = np.bytes_("double")
        sparse.attrs["MATLAB_sparse"] = np.uint64(4)
        sparse["data"] = np.array([1.0, 2.0])
        sparse["ir"] = np.array([0, 3], "<u8")
        sparse["jc"] = np.array([0, 1, 1, 1, 2], "<u8")
    with open(path, "r+b") as f:
        f.write(matlab_header(time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(0)), user_block))


def write_v73_small():
    with h5py.File("v73-small.mat", "w", userblock_size=512) as f:
        matrix(f, "x", values(5, 4, "<f4"), chunks=(2, 5), compression="gzip")
        matrix(f, "text", np.frombuffer(b"note", "u1").astype("<u2").reshape(1, -1), cls="char")
    with open("v73-small.mat", "r+b") as f:
        f.write(matlab_header(time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(0)), 512))


def write_v73_plain():
    with h5py.File("v73-plain.mat", "w", userblock_size=512) as f:
        f["only"] = np.ascontiguousarray(values(5, 4, "<f4").T)


def write_v73_huge():
    with h5py.File("v73-huge.mat", "w", userblock_size=512) as f:
        for name, shape in [("wide", (1 << 31, 4)), ("big", (1 << 20, 1 << 20))]:
            d = f.create_dataset(name, shape=shape, dtype="<f8", chunks=(64, 4))
            d.attrs["MATLAB_class"] = np.bytes_("double")
    with open("v73-huge.mat", "r+b") as f:
        f.write(matlab_header(time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(0)), 512))


def check_v73(path):
    with h5py.File(path, "r") as f:
        assert np.array_equal(f["f64"][()].T, values(6, 5, "<f8"))
        assert f.userblock_size == (1024 if "1024" in path else 512)


write_v5()
write_v73("v73.mat", 512)
write_v73("v73-ub1024.mat", 1024)
write_v73_small()
write_v73_plain()
write_v73_huge()
for p in ["v73.mat", "v73-ub1024.mat"]:
    check_v73(p)
