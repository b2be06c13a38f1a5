#!/bin/sh
# Installs the external data sets that contrast4j's trainer and tests use, if they are missing:
#   Fashion-MNIST  -> /usr/share/datasets/fashion-mnist  (apt package dataset-fashion-mnist, MIT)
#   WordNet 3.0    -> /usr/share/wordnet                  (apt package wordnet-base, WordNet licence)
# The scikit-learn digits set ships inside the trainer jar and needs nothing.
# Idempotent: does nothing when both are present. As root it runs apt-get update + install;
# otherwise it prints the command to run and exits 1 (tests that need the sets then skip).
set -eu

FASHION_DIR=/usr/share/datasets/fashion-mnist
WORDNET_DIR=/usr/share/wordnet

missing=""
if [ ! -f "$FASHION_DIR/train-images-idx3-ubyte.gz" ] || [ ! -f "$FASHION_DIR/t10k-labels-idx1-ubyte.gz" ]; then
    missing="$missing dataset-fashion-mnist"
fi
if [ ! -f "$WORDNET_DIR/data.noun" ]; then
    missing="$missing wordnet-base"
fi

if [ -z "$missing" ]; then
    echo "fetch-data: Fashion-MNIST ($FASHION_DIR) and WordNet ($WORDNET_DIR) are installed; nothing to do."
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "fetch-data: missing:$missing" >&2
    echo "fetch-data: run as root:  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "fetch-data: apt-get not found; install the Debian packages$missing by other means" >&2
    exit 1
fi

echo "fetch-data: installing$missing"
apt-get update
# shellcheck disable=SC2086  # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
echo "fetch-data: done"
