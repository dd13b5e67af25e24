#!/usr/bin/python3
"""Builds sift-fmnist: dense SIFT descriptors of Fashion-MNIST images, 128-d with SIFT1M's raw integer values (0..255).

SIFT1M is the dataset hashing papers report first, but it cannot be downloaded here; this is a real SIFT set of the
same kind built from what Debian ships. Each image is upscaled to 56x56 (bilinear) so a descriptor window has room,
and OpenCV's SIFT computes upright descriptors at a 6x6 grid of keypoints; descriptors whose window is blank
background are dropped (OpenCV normalises every descriptor, so the test is the window's gradient before that).
learn = 100,000 descriptors of train images 0..29999, base = 200,000 of train images 30000..59999, query = 1,000 of
test images, each drawn uniformly with the seed; ground truth = exact top-100 Euclidean neighbours in base.

Usage: /usr/bin/python3 bench/datasets/sift_fmnist.py OUTDIR [--seed N]   (needs python3-opencv, dataset-fashion-mnist)
"""
import argparse
import gzip
import os
import time

import cv2
import numpy as np

from texmex import write_dataset

FASHION = "/usr/share/datasets/fashion-mnist"
SIDE = 56  # upscaled image side
GRID = np.arange(8, SIDE - 7, 8)  # keypoint coordinates in upscaled pixels: 8, 16, ..., 48 on both axes
SIZE = 4  # keypoint size: OpenCV's descriptor window is 4 cells of 1.5*SIZE, 24 px, Gaussian-weighted with sigma 3*SIZE
MIN_GRADIENT = 1.0  # the window's weighted mean gradient magnitude (grey levels per pixel) below which it counts as blank


def read_images(name):
    with gzip.open(os.path.join(FASHION, name), "rb") as f:
        raw = f.read()
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 28, 28)


def dense_sift(images):
    """Grid descriptors of every image, less the blank-window ones, as rows of integers 0..255 (uint8)."""
    sift = cv2.SIFT_create()
    keypoints = [cv2.KeyPoint(float(x), float(y), SIZE, 0) for y in GRID for x in GRID]
    window = 6 * SIZE + 1
    rows = []
    for image in images:
        big = cv2.resize(image, (SIDE, SIDE), interpolation=cv2.INTER_LINEAR)
        kept, desc = sift.compute(big, keypoints)
        assert len(kept) == len(keypoints)
        smooth = cv2.GaussianBlur(big.astype(np.float32), (0, 0), 1.6)
        grad = np.hypot(cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=1), cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=1))
        weighted = cv2.GaussianBlur(grad, (window, window), 3 * SIZE, borderType=cv2.BORDER_CONSTANT)
        rows.append(desc[weighted[np.ix_(GRID, GRID)].ravel() >= MIN_GRADIENT])
    return np.rint(np.concatenate(rows)).astype(np.uint8)


def sample(name, images, count, rng):
    start = time.time()
    pool = dense_sift(images)
    print(f"{name}: {len(images)} images -> {len(pool)} descriptors "
          f"({len(images) * GRID.size ** 2 - len(pool)} blank dropped), "
          f"{count} drawn ({time.time() - start:.1f} s)")
    return pool[np.sort(rng.choice(len(pool), count, replace=False))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.time()
    cv2.setNumThreads(1)
    rng = np.random.default_rng(args.seed)
    train = read_images("train-images-idx3-ubyte.gz")
    test = read_images("t10k-images-idx3-ubyte.gz")
    learn = sample("learn", train[:30000], 100_000, rng)
    base = sample("base", train[30000:], 200_000, rng)
    query = sample("query", test, 1_000, rng)
    write_dataset(args.out_dir, "sift-fmnist", learn, base, query)
    print(f"sift-fmnist written to {args.out_dir} in {time.time() - start:.1f} s")


if __name__ == "__main__":
    main()
