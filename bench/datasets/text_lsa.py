#!/usr/bin/python3
"""Builds text-lsa: 256-d unit-length LSA embeddings of the English descriptions of Debian's packages.

Hashing papers pair image descriptors with text (LSA/TF-IDF of news or tagged corpora); this is a real text set of
that kind from a corpus every Debian machine can fetch. One document per package name: the synopsis and long
description from apt's Translation-en indexes (the Packages records that `apt-cache dumpavail` prints carry the
synopsis only). Empty and duplicate documents are dropped; TF-IDF (sublinear tf, English stop words, min_df 2,
at most 50,000 terms), truncated SVD to 256 dimensions, each row scaled to length 1; rows of zero norm are dropped,
and so are repeated rows (documents that differ only in words the model ignores), so no query has a twin in base.
Rows are shuffled with the seed: query = 1,000 rows, base = the rest, learn = 40,000 rows of base (all if fewer);
ground truth = exact top-100 Euclidean neighbours in base (on unit vectors, the cosine order).

Usage: /usr/bin/python3 bench/datasets/text_lsa.py OUTDIR [--seed N]
Needs python3-sklearn and the Translation-en indexes: apt-get update -o Acquire::Languages=en (build-all.sh does it).
"""
import argparse
import re
import subprocess
import sys
import time

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from texmex import write_dataset

DIM = 256
QUERIES = 1_000
LEARN = 40_000


def read_descriptions():
    """Package name -> description text, the first one met for a name in the indexes taken in path order."""
    paths = subprocess.run(
        ["apt-get", "indextargets", "-o", "Acquire::Languages=en", "--format", "$(FILENAME)", "Identifier: Translations"],
        check=True, capture_output=True, text=True).stdout.split()
    if not paths:
        sys.exit("no Translation-en index: run (as root) apt-get update -o Acquire::Languages=en")
    docs, records = {}, 0
    for path in sorted(paths):
        text = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", path], check=True, capture_output=True, text=True).stdout
        for record in text.split("\n\n"):
            fields = re.search(r"^Package: (\S+)$.*?^Description-en: (.*?)(?=^\S|\Z)", record, re.M | re.S)
            if fields:
                records += 1
                lines = (line.strip() for line in fields.group(2).splitlines())
                docs.setdefault(fields.group(1), " ".join(line for line in lines if line not in ("", ".")))
        print(f"{path}: {len(text)} characters")
    print(f"corpus: {records} description records, {len(docs)} package names, {sum(map(len, docs.values()))} characters")
    return docs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.time()
    docs = read_descriptions()
    texts = list(dict.fromkeys(docs[name] for name in sorted(docs) if docs[name]))
    print(f"documents: {len(texts)} after dropping empty and duplicate ones")

    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2, max_features=50_000, dtype=np.float32)
    terms = tfidf.fit_transform(texts)
    svd = TruncatedSVD(n_components=DIM, random_state=args.seed)
    x = svd.fit_transform(terms).astype(np.float64)
    norms = np.linalg.norm(x, axis=1)
    x = (x[norms > 1e-6] / norms[norms > 1e-6, None]).astype(np.float32)
    nonzero = len(x)
    x = x[np.sort(np.unique(x, axis=0, return_index=True)[1])]
    print(f"TF-IDF {terms.shape[0]} x {terms.shape[1]} terms; SVD keeps {svd.explained_variance_ratio_.sum():.1%} "
          f"of the variance; {len(texts) - nonzero} zero rows and {nonzero - len(x)} repeated rows dropped "
          f"({time.time() - start:.1f} s)")

    rng = np.random.default_rng(args.seed)
    x = x[rng.permutation(len(x))]
    query, base = x[:QUERIES], x[QUERIES:]
    learn = base[np.sort(rng.choice(len(base), min(LEARN, len(base)), replace=False))]
    write_dataset(args.out_dir, "text-lsa", learn, base, query)
    print(f"text-lsa written to {args.out_dir} in {time.time() - start:.1f} s")


if __name__ == "__main__":
    main()
